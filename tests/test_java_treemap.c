/*
 * test_java_treemap.c: src/agents/java_treemap.c against java.util.TreeMap
 * itself: which key an entry taken from entrySet() holds after it and others
 * are removed (the values the JDK 17 printed from throw-away programs that did
 * the same puts and removes), and the red-black invariants after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "agents/java_treemap.h"

#define NONE JAVA_TREEMAP_NONE

/* Black height of the subtree at x, or -1 when a red node has a red child or the black heights differ. */
static int black_height(const java_treemap *m, size_t x)
{
    if (x == NONE)
        return 1;
    const struct java_treemap_node *n = &m->node[x];
    if (!n->black && ((n->left != NONE && !m->node[n->left].black) || (n->right != NONE && !m->node[n->right].black)))
        return -1;
    int l = black_height(m, n->left), r = black_height(m, n->right);
    if (l < 0 || l != r)
        return -1;
    return l + n->black;
}

/* Keys in order, the parent links consistent, a black root and the red-black rules. */
static void assert_valid(const java_treemap *m, const size_t *keys, size_t n)
{
    size_t k = 0;
    for (size_t e = java_treemap_first(m); e != NONE; e = java_treemap_next(m, e), k++) {
        assert_true(k < n);
        assert_int_equal(m->node[e].key, keys[k]);
        if (m->node[e].left != NONE)
            assert_int_equal(m->node[m->node[e].left].parent, e);
        if (m->node[e].right != NONE)
            assert_int_equal(m->node[m->node[e].right].parent, e);
    }
    assert_int_equal(k, n);
    if (m->root != NONE) {
        assert_true(m->node[m->root].black);
        assert_int_equal(m->node[m->root].parent, NONE);
    }
    assert_true(black_height(m, m->root) > 0);
}

/* Takes the live entry of key (found by walking the map in order, as entrySet() does) and removes key. */
static size_t take_live(java_treemap *m, size_t key)
{
    size_t live = NONE;
    for (size_t e = java_treemap_first(m); e != NONE; e = java_treemap_next(m, e))
        if (m->node[e].key == key)
            live = e;
    assert_int_not_equal(live, NONE);
    java_treemap_remove(m, key);
    return live;
}

/* HardHeaded's case (Amsterdam, round 894): five keys put in descending order, then 9, 8, 7, 6 taken live and
   10 last: the JDK prints 10 8 10 6 10 (the first and third entries were given their successor's key). */
static void descending_puts_as_the_jdk(void **state)
{
    (void)state;
    struct java_treemap_node nodes[8];
    java_treemap m;
    java_treemap_init(&m, nodes, 8);
    for (size_t k = 10; k >= 6; k--)
        java_treemap_put(&m, k);
    assert_int_equal(java_treemap_put(&m, 8), java_treemap_find(&m, 8)); /* an existing key makes no node */
    assert_int_equal(m.made, 5);
    const size_t take[] = {9, 8, 7, 6}, expect[] = {10, 8, 10, 6};
    size_t held[4];
    for (int i = 0; i < 4; i++)
        held[i] = take_live(&m, take[i]);
    assert_int_equal(nodes[java_treemap_last(&m)].key, 10);
    java_treemap_remove(&m, 10);
    assert_int_equal(m.root, NONE);
    for (int i = 0; i < 4; i++)
        assert_int_equal(nodes[held[i]].key, expect[i]);
}

/* Ascending puts 1..9, then 4, 2, 6, 8, 5 taken live: the JDK prints 7 3 6 9 7, leaving [1, 3, 7, 9]. */
static void ascending_puts_as_the_jdk(void **state)
{
    (void)state;
    struct java_treemap_node nodes[9];
    java_treemap m;
    java_treemap_init(&m, nodes, 9);
    for (size_t k = 1; k <= 9; k++)
        java_treemap_put(&m, k);
    const size_t take[] = {4, 2, 6, 8, 5}, expect[] = {7, 3, 6, 9, 7}, left[] = {1, 3, 7, 9};
    size_t held[5];
    for (int i = 0; i < 5; i++)
        held[i] = take_live(&m, take[i]);
    for (int i = 0; i < 5; i++)
        assert_int_equal(nodes[held[i]].key, expect[i]);
    assert_valid(&m, left, 4);
}

/* Keys 7k mod 20 put for k < 20, then 3k mod 20 taken live for k < 12: the JDK prints
   0 5 6 10 13 15 19 1 5 8 10 13, leaving [2, 5, 8, 11, 14, 16, 17, 19]; the tree stays valid at every step. */
static void mixed_puts_as_the_jdk(void **state)
{
    (void)state;
    struct java_treemap_node nodes[20];
    java_treemap m;
    java_treemap_init(&m, nodes, 20);
    size_t in[20], n = 0;
    for (size_t k = 0; k < 20; k++) {
        java_treemap_put(&m, (k * 7) % 20);
        n = 0;
        for (size_t key = 0; key < 20; key++)
            for (size_t j = 0; j <= k; j++)
                if ((j * 7) % 20 == key)
                    in[n++] = key;
        assert_valid(&m, in, n);
    }
    const size_t expect[] = {0, 5, 6, 10, 13, 15, 19, 1, 5, 8, 10, 13};
    size_t held[12];
    int gone[20] = {0};
    for (size_t k = 0; k < 12; k++) {
        held[k] = take_live(&m, (k * 3) % 20);
        gone[(k * 3) % 20] = 1;
        n = 0;
        for (size_t key = 0; key < 20; key++)
            if (!gone[key])
                in[n++] = key;
        assert_valid(&m, in, n);
    }
    for (size_t k = 0; k < 12; k++)
        assert_int_equal(nodes[held[k]].key, expect[k]);
    java_treemap_remove(&m, 3); /* absent: nothing changes */
    assert_valid(&m, in, n);
    assert_int_equal(java_treemap_put(&m, 99), NONE); /* no node left for a new key */
}

/* Puts that need the inner (zig-zag) rotations, 10 5 7 3 4 12 11 15 13 1 2, then 5, 10, 7, 12, 3 taken live: the
   JDK prints 5 10 11 12 3, leaving [1, 2, 4, 11, 13, 15]. */
static void zigzag_puts_as_the_jdk(void **state)
{
    (void)state;
    struct java_treemap_node nodes[11];
    java_treemap m;
    java_treemap_init(&m, nodes, 11);
    const size_t put[] = {10, 5, 7, 3, 4, 12, 11, 15, 13, 1, 2}, sorted[] = {1, 2, 3, 4, 5, 7, 10, 11, 12, 13, 15};
    for (int i = 0; i < 11; i++)
        java_treemap_put(&m, put[i]);
    assert_valid(&m, sorted, 11);
    const size_t take[] = {5, 10, 7, 12, 3}, expect[] = {5, 10, 11, 12, 3}, left[] = {1, 2, 4, 11, 13, 15};
    size_t held[5];
    for (int i = 0; i < 5; i++)
        held[i] = take_live(&m, take[i]);
    for (int i = 0; i < 5; i++)
        assert_int_equal(nodes[held[i]].key, expect[i]);
    assert_valid(&m, left, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(descending_puts_as_the_jdk),
        cmocka_unit_test(ascending_puts_as_the_jdk),
        cmocka_unit_test(mixed_puts_as_the_jdk),
        cmocka_unit_test(zigzag_puts_as_the_jdk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
