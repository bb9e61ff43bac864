/* agent_names.c: prints the built-in agents' names on one line, for the bash completion made at build time. */
#include <parley/agent.h>
#include <stdio.h>

int main(void)
{
    const char *const *names = parley_agent_builtin_names();
    for (size_t i = 0; names[i]; i++)
        printf("%s%s", i ? " " : "", names[i]);
    printf("\n");
    return 0;
}
