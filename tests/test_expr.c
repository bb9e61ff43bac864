/*
 * test_expr.c: the constraint language (parley/expr.h).
 *
 * Every rule of the table is compiled against one fixed space and evaluated on
 * every outcome of it; the expected truth comes from a C predicate written
 * beside the rule from the issue numbers, so each operator, the precedence
 * and the tolerance on real grids are checked everywhere, not on samples.
 * A second table lists bad rules with the column and the message expected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/expr.h>

/* The fixed space: issue index, then its grid. */
enum { WAR, PHASE, PRISONERS, HOSTAGES, SHARE, TEMP, NOTICE, ORDER, ISSUES };
/* war: no yes | phase: one two three | prisoners 0..50 by 10 | hostages 0..5 | share 0..0.5 by 0.1 |
   temp -3..3 | notice: a b | order 0..2 (names that start like keywords: not, or) */

static parley_space *make_space(void)
{
    parley_space *s = parley_space_new();
    parley_error err;
    const char *war[] = {"no", "yes"}, *phase[] = {"one", "two", "three"}, *notice[] = {"a", "b"};
    if (parley_space_add_categorical(s, "end_of_war", war, 2, &err) ||
        parley_space_add_categorical(s, "phase", phase, 3, &err) ||
        parley_space_add_integer(s, "prisoners", 0, 50, 10, &err) ||
        parley_space_add_integer(s, "hostages", 0, 5, 1, &err) || parley_space_add_real(s, "share", 0, 0.5, 0.1, &err) ||
        parley_space_add_integer(s, "temp", -3, 3, 1, &err) || parley_space_add_categorical(s, "notice", notice, 2, &err) ||
        parley_space_add_integer(s, "order", 0, 2, 1, &err))
        fail_msg("space: %s", err.message);
    return s;
}

/* What an outcome stands for, computed here from the grids written above (not from the library). */
struct o {
    int war, phase, notice; /* label indices */
    double prisoners, hostages, share, temp, order;
};

static struct o meaning(const uint32_t *v)
{
    struct o o;
    o.war = (int)v[WAR];
    o.phase = (int)v[PHASE];
    o.prisoners = 10.0 * v[PRISONERS];
    o.hostages = v[HOSTAGES];
    o.share = v[SHARE] / 10.0; /* the decimal value, exactly as a person writes it */
    o.temp = (double)v[TEMP] - 3;
    o.notice = (int)v[NOTICE];
    o.order = v[ORDER];
    return o;
}

#define YES 1
#define NO 0
#define IMPL(a, b) (!(a) || (b))

/* The expected truth of each rule of the table, as a small C function. */
#define P(name, body) static int name(const struct o *o) { return (body); }
P(p_war_yes, o->war == YES)
P(p_war_not_yes, o->war != YES)
P(p_ratio, o->prisoners >= 30 * o->hostages)
P(p_and, o->war == YES && o->hostages > 2)
P(p_or, o->war == YES || o->hostages > 2)
P(p_not, !(o->war == YES))
P(p_not_or, !(o->war == YES || o->hostages > 2))
P(p_prec_not_and, (!(o->war == YES)) && o->hostages > 2)
P(p_prec_or_and, o->war == YES || (o->hostages > 2 && o->phase == 0))
P(p_prec_and_or_paren, (o->war == YES || o->hostages > 2) && o->phase == 0)
P(p_impl, IMPL(o->hostages == 5, o->war == YES))
P(p_impl_right, IMPL(o->hostages == 5, IMPL(o->phase == 2, o->war == YES)))
P(p_impl_left, IMPL(IMPL(o->hostages == 5, o->phase == 2), o->war == YES))
P(p_impl_or, IMPL(o->hostages == 5 || o->phase == 2, o->war == YES))
P(p_in_phase, o->phase == 0 || o->phase == 2)
P(p_not_in_phase, !(o->phase == 0 || o->phase == 2))
P(p_in_num, o->prisoners == 10 || o->prisoners == 40)
P(p_not_in_num, !(o->prisoners == 10 || o->prisoners == 40))
P(p_in_off_grid, o->prisoners == 20)
P(p_in_negative, o->temp == -1 || o->temp == 0)
P(p_arith1, o->prisoners + 2 * o->hostages == 14)
P(p_arith2, o->prisoners - o->hostages - 3 > 0)
P(p_arith3, (o->prisoners - o->hostages) * 2 >= 50)
P(p_div, o->hostages > 0 && o->prisoners / o->hostages >= 10)
P(p_div_left, o->prisoners / 10 / 2 == 1)
P(p_neg, -o->temp > 1)
P(p_neg2, -o->temp * 2 == 4)
P(p_neg3, o->temp >= -2)
P(p_minus_neg, o->hostages - -o->temp == 4)
P(p_lt, o->hostages < 3)
P(p_le, o->hostages <= 3)
P(p_gt, o->hostages > 3)
P(p_ge, o->hostages >= 3)
P(p_eq_single, o->hostages == 3)
P(p_ne_num, o->hostages != 3)
P(p_share_eq, fabs(o->share - 0.3) < 1e-12)
P(p_share_le, o->share <= 0.3 + 1e-12)
P(p_share_lt, o->share < 0.3 - 1e-12)
P(p_share_gt, o->share > 0.3 + 1e-12)
P(p_share_ge, o->share >= 0.3 - 1e-12)
P(p_share_in, fabs(o->share - 0.1) < 1e-12 || fabs(o->share - 0.4) < 1e-12)
P(p_share_sum, fabs(o->share - 0.3) < 1e-12)
P(p_share_ne, !(fabs(o->share - 0.3) < 1e-12)) /* 3 * 0.30000000000000004 is 0.9 within the tolerance */
P(p_share_times, fabs(o->share - 0.2) < 1e-12 || fabs(o->share - 0.3) < 1e-12)
P(p_true, 1)
P(p_false, 0)
P(p_bool_eq, (o->war == YES) == (o->hostages > 2))
P(p_bool_ne, (o->war == YES) != (o->hostages > 2))
P(p_keywords, o->notice == 0 && o->order >= 1)
P(p_keywords2, o->order == 2 || o->notice == 1)
P(p_if_then, IMPL(o->phase == 1, o->prisoners >= 30))
P(p_if_nested, IMPL(o->phase == 1, IMPL(o->hostages > 1, o->war == YES)))
P(p_mixed, (o->phase == 0 || o->phase == 1) && !(o->war == NO) && o->prisoners >= 30 * o->hostages)
P(p_label_left, o->war == YES)
P(p_dnot, !!(o->hostages > 2))
P(p_decimal, o->hostages * 0.5 >= 1.5)
P(p_exp, o->prisoners >= 2e1)

static const struct {
    const char *rule;
    int (*expect)(const struct o *o);
} rules[] = {
    {"end_of_war == \"yes\"", p_war_yes},
    {"end_of_war = 'yes'", p_war_yes},
    {"\"yes\" == end_of_war", p_label_left},
    {"end_of_war != \"yes\"", p_war_not_yes},
    {"prisoners >= 30 * hostages", p_ratio},
    {"prisoners>=30*hostages", p_ratio},
    {"  prisoners\t>=\n30 * hostages  ", p_ratio},
    {"end_of_war == \"yes\" and hostages > 2", p_and},
    {"end_of_war == \"yes\" && hostages > 2", p_and},
    {"end_of_war == \"yes\" or hostages > 2", p_or},
    {"end_of_war == \"yes\" || hostages > 2", p_or},
    {"not end_of_war == \"yes\"", p_not},
    {"!(end_of_war == \"yes\")", p_not},
    {"not (end_of_war == \"yes\" or hostages > 2)", p_not_or},
    {"not end_of_war == \"yes\" and hostages > 2", p_prec_not_and},
    {"end_of_war == \"yes\" or hostages > 2 and phase == \"one\"", p_prec_or_and},
    {"(end_of_war == \"yes\" or hostages > 2) and phase == \"one\"", p_prec_and_or_paren},
    {"if hostages == 5 then end_of_war == \"yes\"", p_impl},
    {"hostages == 5 -> end_of_war == \"yes\"", p_impl},
    {"hostages == 5 implies end_of_war == \"yes\"", p_impl},
    {"hostages == 5 -> phase == \"three\" -> end_of_war == \"yes\"", p_impl_right},
    {"(hostages == 5 -> phase == \"three\") -> end_of_war == \"yes\"", p_impl_left},
    {"hostages == 5 or phase == \"three\" -> end_of_war == \"yes\"", p_impl_or},
    {"phase in [\"one\", \"three\"]", p_in_phase},
    {"phase in['one','three']", p_in_phase},
    {"phase not in [\"one\", \"three\"]", p_not_in_phase},
    {"not phase in [\"one\", \"three\"]", p_not_in_phase},
    {"prisoners in [10, 40]", p_in_num},
    {"prisoners not in [10, 40]", p_not_in_num},
    {"prisoners in [15, 20, 25, 1000]", p_in_off_grid},
    {"temp in [-1, 0]", p_in_negative},
    {"prisoners + 2 * hostages == 14", p_arith1},
    {"prisoners - hostages - 3 > 0", p_arith2},
    {"(prisoners - hostages) * 2 >= 50", p_arith3},
    {"hostages > 0 and prisoners / hostages >= 10", p_div},
    {"prisoners / 10 / 2 == 1", p_div_left},
    {"-temp > 1", p_neg},
    {"-temp * 2 == 4", p_neg2},
    {"temp >= -2", p_neg3},
    {"hostages - -temp == 4", p_minus_neg},
    {"hostages < 3", p_lt},
    {"hostages <= 3", p_le},
    {"hostages > 3", p_gt},
    {"hostages >= 3", p_ge},
    {"3 <= hostages", p_ge},
    {"hostages == 3", p_eq_single},
    {"hostages = 3", p_eq_single},
    {"hostages != 3", p_ne_num},
    {"share == 0.3", p_share_eq},
    {"share <= 0.3", p_share_le},
    {"share < 0.3", p_share_lt},
    {"share > 0.3", p_share_gt},
    {"share >= 0.3", p_share_ge},
    {"share == .3", p_share_eq},
    {"share in [0.1, 0.4]", p_share_in},
    {"share + share + share == 0.9", p_share_sum},
    {"share * 3 != 0.9", p_share_ne},
    {"share * 3 >= 0.6 and share * 3 <= 0.9", p_share_times},
    {"true", p_true},
    {"false", p_false},
    {"true and not false", p_true},
    {"(end_of_war == \"yes\") == (hostages > 2)", p_bool_eq},
    {"(end_of_war == \"yes\") != (hostages > 2)", p_bool_ne},
    {"notice == \"a\" and order >= 1", p_keywords},
    {"order == 2 or notice == \"b\"", p_keywords2},
    {"if phase == \"two\" then prisoners >= 30", p_if_then},
    {"if phase == \"two\" then if hostages > 1 then end_of_war == \"yes\"", p_if_nested},
    {"phase in [\"one\", \"two\"] and not end_of_war == \"no\" and prisoners >= 30 * hostages", p_mixed},
    {"!!(hostages > 2)", p_dnot},
    {"not not hostages > 2", p_dnot},
    {"hostages * 0.5 >= 1.5", p_decimal},
    {"prisoners >= 2e1", p_exp},
    {"(((((hostages > 2)))))", p_dnot},
};

static void test_rules_everywhere(void **state)
{
    (void)state;
    parley_space *s = make_space();
    uint64_t total = 0;
    assert_int_equal(parley_space_size_u64(s, &total), PARLEY_OK);
    uint32_t v[ISSUES];
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        parley_error err;
        parley_error_clear(&err);
        parley_expr *e = NULL;
        if (parley_expr_compile(s, rules[r].rule, &e, &err) != PARLEY_OK)
            fail_msg("rule '%s' did not compile: column %d: %s", rules[r].rule, err.column, err.message);
        assert_string_equal(parley_expr_text(e), rules[r].rule);
        uint64_t holds = 0;
        for (uint64_t k = 0; k < total; k++) {
            parley_space_decode(s, k, v);
            struct o o = meaning(v);
            int want = rules[r].expect(&o) != 0, got = parley_expr_holds(e, v);
            if (want != got) {
                char buf[256];
                fail_msg("rule '%s' on %s: got %d, expected %d", rules[r].rule,
                         parley_outcome_format(s, v, buf, sizeof buf), got, want);
            }
            holds += got;
        }
        /* every rule of the table is satisfiable and refutable except true/false */
        (void)holds;
        parley_expr_free(e);
    }
    parley_space_free(s);
}

static void test_division_by_zero(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_expr *gt = NULL, *ne = NULL, *eq = NULL;
    assert_int_equal(parley_expr_compile(s, "prisoners / hostages > 1", &gt, NULL), PARLEY_OK);
    assert_int_equal(parley_expr_compile(s, "prisoners / hostages != 1", &ne, NULL), PARLEY_OK);
    assert_int_equal(parley_expr_compile(s, "prisoners / hostages == prisoners / hostages", &eq, NULL), PARLEY_OK);
    uint32_t v[ISSUES] = {0};
    v[PRISONERS] = 3; /* 30 / 0 */
    /* x / 0 is no number: comparisons with it are false, != true; never a crash or a trap */
    assert_int_equal(parley_expr_holds(gt, v), 0);
    assert_int_equal(parley_expr_holds(ne, v), 1);
    assert_int_equal(parley_expr_holds(eq, v), 0);
    v[HOSTAGES] = 2; /* 30 / 2 = 15 */
    assert_int_equal(parley_expr_holds(gt, v), 1);
    assert_int_equal(parley_expr_holds(eq, v), 1);
    parley_expr_free(gt);
    parley_expr_free(ne);
    parley_expr_free(eq);
    parley_space_free(s);
}

static void test_uses_issue(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_expr *e = NULL;
    assert_int_equal(
        parley_expr_compile(s, "if phase in [\"one\"] then prisoners >= 30 * hostages or notice != \"a\"", &e, NULL),
        PARLEY_OK);
    int expect[ISSUES] = {0, 1, 1, 1, 0, 0, 1, 0};
    for (size_t i = 0; i < ISSUES; i++)
        assert_int_equal(parley_expr_uses_issue(e, i) != 0, expect[i]);
    parley_expr_free(e);
    assert_int_equal(parley_expr_compile(s, "true", &e, NULL), PARLEY_OK);
    for (size_t i = 0; i < ISSUES; i++)
        assert_false(parley_expr_uses_issue(e, i));
    parley_expr_free(e);
    parley_space_free(s);
}

/* Bad rules: the 1-based column of the problem and a fragment of the message. */
static const struct {
    const char *rule;
    int column;
    const char *fragment;
} bad[] = {
    {"", 1, "unexpected end of the rule"},
    {"   ", 4, "unexpected end of the rule"},
    {"end_of_war == \"maybe\"", 15, "'maybe' is not a value of issue 'end_of_war'"},
    {"end_of_war == \"maybe\"", 15, "\"no\", \"yes\""},
    {"end_of_war == \"Yes\"", 15, "not a value"},
    {"nonexistent > 1", 1, "unknown issue 'nonexistent'"},
    {"prisoners >= 30 * hostagez", 19, "unknown issue 'hostagez'"},
    {"prisoners >= 30 * hostagez", 19, "end_of_war, phase"},
    {"(prisoners > 1", 15, "expected ')'"},
    {"(prisoners > 1", 15, "column 1"},
    {"((hostages > 1) and (hostages < 3)", 35, "expected ')'"},
    {"prisoners >", 12, "unexpected end"},
    {"prisoners > 1 extra", 15, "unexpected 'extra'"},
    {"prisoners > 1)", 14, "unexpected ')'"},
    {"prisoners", 1, "must be a condition"},
    {"prisoners + 1", 1, "must be a condition"},
    {"\"yes\"", 1, "must be a condition"},
    {"end_of_war", 1, "must be a condition"},
    {"end_of_war > \"yes\"", 12, "can only be compared with =="},
    {"end_of_war == 1", 12, "quoted values"},
    {"end_of_war == phase", 12, "quoted values"},
    {"end_of_war + 1 > 2", 12, "'+' needs a number"},
    {"-end_of_war == \"x\"", 1, "'-' needs a number"},
    {"\"a\" == \"b\"", 5, "needs a number on both sides"},
    {"not prisoners", 1, "'not' needs a condition"},
    {"! 3", 1, "'not' needs a condition"},
    {"prisoners > 1 and 5", 15, "'and' needs a condition"},
    {"3 or prisoners > 1", 3, "'or' needs a condition"},
    {"hostages -> true", 10, "'->' needs a condition"},
    {"(hostages > 1) + 1 > 0", 16, "'+' needs a number"},
    {"(hostages > 1) * 2 > 0", 16, "'*' needs a number"},
    {"hostages > 1 > 0", 14, "unexpected '> 0'"},
    {"if prisoners then true", 4, "'if ... then ...' needs conditions"},
    {"if true then hostages", 14, "'if ... then ...' needs conditions"},
    {"if true end_of_war == \"yes\"", 9, "expected 'then'"},
    {"if true", 8, "expected 'then'"},
    {"phase in [\"one\", \"four\"]", 18, "'four' is not a value of issue 'phase'"},
    {"phase in \"one\"", 10, "expected '['"},
    {"phase in [\"one\" \"two\"]", 17, "expected ',' or ']'"},
    {"phase in [\"one\",]", 17, "unexpected ']'"},
    {"phase in [\"one\"", 16, "expected ',' or ']'"},
    {"phase in [1]", 11, "quoted values of that issue"},
    {"prisoners in [\"ten\"]", 15, "must be numbers"},
    {"prisoners in [hostages]", 15, "must be numbers"},
    {"prisoners + 1 in [1]", 15, "'in' needs an issue name"},
    {"share * 10 in [2, 3]", 12, "'in' needs an issue name"},
    {"3 in [3]", 3, "'in' needs an issue name"},
    {"phase not [\"one\"]", 7, "unexpected 'not"},
    {"end_of_war == \"yes", 15, "unterminated string"},
    {"end_of_war == 'yes\"", 15, "unterminated string"},
    {"prisoners @ 3", 11, "unexpected '@"},
    {"prisoners > #", 13, "unexpected '#"},
    {"prisoners >= 30 * * hostages", 19, "unexpected '*'"},
    {"and", 1, "'and' where a value or an issue name was expected: is an operator doubled ('and and')"},
    {"prisoners > 3 and and hostages < 2", 19, "is an operator doubled ('and and')"},
    {"prisoners > 3 or or hostages < 2", 18, "is an operator doubled ('or or')"},
    {"end_of_war == yes", 15, "'yes' is a value of issue 'end_of_war', not an issue: quote it (end_of_war == \"yes\")"},
    {"prisoners >= 30 * hostagez", 19, "unknown issue 'hostagez' (did you mean 'hostages'?"},
    {"end_of_war == \"yess\"", 15, "'yess' is not a value of issue 'end_of_war' (did you mean 'yes'?"},
    {"nonexistent > 1", 1, "unknown issue 'nonexistent' (the issues are"},
    {"true and", 9, "unexpected end"},
    {"prisoners => 3", 12, "unexpected '>'"},
    {"prisoners = = 3", 13, "unexpected '='"},
};

static void test_errors(void **state)
{
    (void)state;
    parley_space *s = make_space();
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        parley_error err;
        parley_error_clear(&err);
        parley_expr *e = (parley_expr *)&err; /* must be reset to NULL */
        int rc = parley_expr_compile(s, bad[i].rule, &e, &err);
        if (rc != PARLEY_EINVAL)
            fail_msg("rule '%s' compiled (rc %d)", bad[i].rule, rc);
        assert_null(e);
        assert_int_equal(err.code, PARLEY_EINVAL);
        if (err.column != bad[i].column || !strstr(err.message, bad[i].fragment))
            fail_msg("rule '%s': got column %d '%s', expected column %d and '%s'", bad[i].rule, err.column,
                     err.message, bad[i].column, bad[i].fragment);
        /* and without an error report: same failure, no crash */
        assert_int_equal(parley_expr_compile(s, bad[i].rule, &e, NULL), PARLEY_EINVAL);
        assert_null(e);
    }
    parley_error err;
    parley_expr *e = NULL;
    assert_int_equal(parley_expr_compile(s, NULL, &e, &err), PARLEY_EINVAL);
    assert_null(e);
    parley_space_free(s);
}

/* A rule made of `count` copies of `unit` between `prefix` and `suffix`. */
static char *repeat(const char *prefix, const char *unit, size_t count, const char *suffix)
{
    size_t a = strlen(prefix), u = strlen(unit), b = strlen(suffix);
    char *text = malloc(a + u * count + b + 1);
    assert_non_null(text);
    memcpy(text, prefix, a);
    for (size_t k = 0; k < count; k++)
        memcpy(text + a + k * u, unit, u);
    memcpy(text + a + u * count, suffix, b + 1);
    return text;
}

/*
 * Long and deep rules: whatever the nesting, the library must answer (compile
 * and evaluate, or refuse with a message) without exhausting the stack.  A rule
 * comes from a file, so its length is the user's choice.
 */
static void test_deep_rules(void **state)
{
    (void)state;
    parley_space *s = make_space();
    struct {
        const char *prefix, *unit, *suffix;
        size_t count;
    } cases[] = {
        {"", "(", "true", 300},                 /* refused: nested too deeply */
        {"", "!", "true", 1000000},              /* not not not ... */
        {"", "not ", "true", 300000},
        {"hostages > ", "-", "1", 1000000},      /* - - - ... 1 */
        {"", "true -> ", "true", 300000},         /* right-nested implications */
        {"", "if true then ", "true", 300000},
        {"hostages", " + hostages", " > 0", 300000}, /* left-deep sums */
        {"true", " and true", "", 300000},
        {"false", " or false", "", 300000},
        {"", "-hostages + ", "0 < 1", 300000},
    };
    uint32_t v[ISSUES] = {0};
    v[HOSTAGES] = 1;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *text = repeat(cases[i].prefix, cases[i].unit, cases[i].count, cases[i].suffix);
        parley_error err;
        parley_error_clear(&err);
        parley_expr *e = NULL;
        int rc = parley_expr_compile(s, text, &e, &err);
        if (rc == PARLEY_OK) {
            (void)parley_expr_holds(e, v);
            (void)parley_expr_uses_issue(e, HOSTAGES);
            parley_expr_free(e);
        } else {
            assert_int_equal(rc, PARLEY_EINVAL);
            assert_true(err.column >= 1);
            assert_true(err.message[0] != '\0');
        }
        free(text);
    }
    /* 300 parentheses: refused with a message */
    char *text = repeat("", "(", 300, "true");
    parley_error err;
    parley_expr *e = NULL;
    assert_int_equal(parley_expr_compile(s, text, &e, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "nested too deeply"));
    free(text);
    /* 50 are fine */
    text = repeat("", "(", 50, "true");
    char *closed = repeat(text, ")", 50, "");
    assert_int_equal(parley_expr_compile(s, closed, &e, &err), PARLEY_OK);
    assert_int_equal(parley_expr_holds(e, v), 1);
    parley_expr_free(e);
    free(text);
    free(closed);
    /* a very long name is refused, not copied into a fixed buffer */
    text = repeat("", "h", 5000, " > 1");
    assert_int_equal(parley_expr_compile(s, text, &e, &err), PARLEY_EINVAL);
    assert_int_equal(err.column, 1);
    free(text);
    parley_space_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_everywhere),
        cmocka_unit_test(test_division_by_zero),
        cmocka_unit_test(test_uses_issue),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
