/* plot_file.h: writing a plot to the file named by --plot, with the command's error reporting. */
#ifndef PARLEY_CLI_PLOT_FILE_H
#define PARLEY_CLI_PLOT_FILE_H

#include <parley/error.h>
#include <stdio.h>

/* Draws into an open stream (a library *_write_svg behind a small adapter). */
typedef int (*cli_svg_writer)(const void *ctx, FILE *out, parley_error *err);

/* Creates `path`, lets `draw` write it, closes it; PARLEY_EIO with the file name when that fails. */
int cli_write_svg_file(const char *path, cli_svg_writer draw, const void *ctx, parley_error *err);

/* Removes the output file `path` whose writing failed, so that no half-written file is taken for a whole one; only
   a regular file: never a device, a pipe or a symbolic link the user named (`--plot /dev/full` run as root would
   have removed the device). */
void cli_remove_failed_output(const char *path);

/* Bins per axis of the density cloud that `analyze --plot` asks the analysis for. */
#define CLI_PLOT_BINS 80u

#endif
