/*
 * fuzz_expr.c: libFuzzer target for the constraint language.  Compiles
 * arbitrary text as a rule against a fixed space (categorical, integer with
 * negatives, real with step 0.1, and names that begin like keywords) and
 * evaluates it on a few outcomes.  A failed compile must leave no expression
 * and report a column inside the text (or just past its end).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <parley/expr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static parley_space *make_space(void)
{
    parley_space *s = parley_space_new();
    const char *war[] = {"no", "yes"}, *phase[] = {"one", "two", "three"};
    if (!s || parley_space_add_categorical(s, "end_of_war", war, 2, NULL) ||
        parley_space_add_categorical(s, "phase", phase, 3, NULL) ||
        parley_space_add_integer(s, "prisoners", 0, 1000, 50, NULL) ||
        parley_space_add_integer(s, "hostages", 0, 40, 1, NULL) ||
        parley_space_add_integer(s, "temp", -5, 5, 1, NULL) || parley_space_add_real(s, "share", 0, 1, 0.1, NULL) ||
        parley_space_add_integer(s, "order", 0, 2, 1, NULL) || parley_space_add_integer(s, "notice", 0, 1, 1, NULL))
        abort();
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static parley_space *space;
    if (!space)
        space = make_space();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a rule is a C string: it ends at the first NUL */
    parley_expr *e = (parley_expr *)text;
    parley_error err;
    parley_error_clear(&err);
    if (parley_expr_compile(space, text, &e, &err) != PARLEY_OK) {
        if (e || err.column < 1 || (size_t)err.column > strlen(text) + 1 || !err.message[0])
            abort();
        free(text);
        return 0;
    }
    if (strcmp(parley_expr_text(e), text) != 0)
        abort();
    size_t issues = parley_space_issue_count(space);
    uint32_t v[16];
    for (unsigned round = 0; round < 8; round++) {
        for (size_t i = 0; i < issues; i++) {
            uint32_t n = parley_issue_value_count(space, i);
            v[i] = round == 0 ? 0 : round == 1 ? n - 1 : (uint32_t)((round * 2654435761u + i * 40503u) % n);
        }
        int holds = parley_expr_holds(e, v);
        if (holds != 0 && holds != 1)
            abort();
    }
    for (size_t i = 0; i < issues; i++)
        (void)parley_expr_uses_issue(e, i);
    parley_expr_free(e);
    free(text);
    return 0;
}
