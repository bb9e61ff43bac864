/*
 * exec_helper.h: handing a command over to a companion executable.  `parley`
 * itself links neither libmicrohttpd (GnuTLS) nor OpenMPI, which cost ~10 ms to
 * load; `parley serve` and runs under mpirun replace the process with
 * parley-serve or parley-mpi, same arguments (docs/speed.md).
 */
#ifndef PARLEY_CLI_EXEC_HELPER_H
#define PARLEY_CLI_EXEC_HELPER_H

/* Replaces this process with the executable `name` (found next to /proc/self/exe, then on PATH), running
   argv unchanged.  Returns only on failure, after saying why on stderr. */
void cli_exec_helper(const char *name, char **argv);

#endif
