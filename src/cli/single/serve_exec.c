/* serve_exec.c: `parley serve` in the parley binary, which does not link the server: it becomes parley-serve. */
#include "cli/cli.h"
#include "exec_helper.h"

int cmd_serve(int argc, char **argv)
{
    /* main passes argv + 1; the word before it is the program name, kept for the helper's messages. */
    cli_exec_helper("parley-serve", argv - 1);
    return CLI_FAILURE;
}
