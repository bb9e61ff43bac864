/*
 * test_tmpdir.h: the temporary folders of the tests (/tmp/parley-test-NAME-XXXXXX), removed when the test
 * is done with them and, should an assertion leave the test before that (cmocka jumps out of a failed test
 * and goes on with the next), when the program exits.  Header-only: each test program has its own list.
 */
#ifndef PARLEY_TEST_TMPDIR_H
#define PARLEY_TEST_TMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TEST_TMPDIR_MAX 64

static char test_tmpdirs[TEST_TMPDIR_MAX][256];

/* Removes path and, when it is a folder (not a link to one), everything below it first. */
static int test_tmpdir_unlink(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                char sub[512];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                test_tmpdir_unlink(sub);
            }
        if (d)
            closedir(d);
    }
    return remove(path);
}

/* Removes dir and everything below it (symbolic links themselves, not what they point to); 0 when gone. */
static __attribute__((unused)) int test_tmpdir_remove(const char *dir)
{
    for (int i = 0; i < TEST_TMPDIR_MAX; i++)
        if (strcmp(test_tmpdirs[i], dir) == 0)
            test_tmpdirs[i][0] = 0;
    return test_tmpdir_unlink(dir);
}

static void test_tmpdir_remove_left(void)
{
    for (int i = 0; i < TEST_TMPDIR_MAX; i++)
        if (test_tmpdirs[i][0])
            test_tmpdir_remove(test_tmpdirs[i]);
}

/* Makes /tmp/parley-test-NAME-XXXXXX into dir (size bytes); returns dir, or NULL when it could not. */
static __attribute__((unused)) char *test_tmpdir_make(char *dir, size_t size, const char *name)
{
    static int registered;
    if (!registered)
        registered = atexit(test_tmpdir_remove_left) == 0;
    snprintf(dir, size, "/tmp/parley-test-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return NULL;
    for (int i = 0; i < TEST_TMPDIR_MAX; i++)
        if (!test_tmpdirs[i][0] && strlen(dir) < sizeof test_tmpdirs[i]) {
            snprintf(test_tmpdirs[i], sizeof test_tmpdirs[i], "%s", dir);
            break;
        }
    return dir;
}

#endif
