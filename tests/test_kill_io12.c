/*
 * test_kill_io12.c: the loader's format sniffing (load.c) on a caller's buffer that is not NUL-terminated (issue
 * 27, seed 12): a buffer of blanks only is of no format, and the sniffing reads none of the bytes past its
 * length (the buffer here is malloc'd to its exact size: the sanitizer tree fails a read past it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

static void load_exact(const char *text, size_t length, parley_error *err)
{
    char *bytes = malloc(length ? length : 1);
    assert_non_null(bytes);
    memcpy(bytes, text, length);
    parley_document doc = {"blank.json", bytes, length};
    parley_scenario *sc = NULL;
    int rc = parley_scenario_load_buffers(&doc, 1, NULL, &sc, err);
    free(bytes);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_null(sc);
}

static void test_blanks_only_are_no_format(void **state)
{
    (void)state;
    static const char *const blanks[] = {" ", "  \n\t", "\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n"};
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++) {
        parley_error err = {0};
        load_exact(blanks[i], strlen(blanks[i]), &err);
        assert_string_equal(err.file, "blank.json");
        assert_string_equal(err.message,
                            "cannot tell the format (expected a JSON scenario, a GeniusWeb domain or a GENIUS XML domain)");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blanks_only_are_no_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
