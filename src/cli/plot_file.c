/* plot_file.c: the --plot FILE of analyze, negotiate and tournament (see plot_file.h). */
#include "cli/plot_file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

void cli_remove_failed_output(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

int cli_write_svg_file(const char *path, cli_svg_writer draw, const void *ctx, parley_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot write the plot: %s", strerror(errno));
    int rc = draw(ctx, f, err);
    if (fclose(f) != 0 && rc == PARLEY_OK)
        rc = parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot write the plot: %s", strerror(errno));
    if (rc != PARLEY_OK)
        cli_remove_failed_output(path); /* no half-drawn file left behind to be taken for a plot */
    return rc;
}
