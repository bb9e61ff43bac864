/*
 * java_treemap.c: java.util.TreeMap's red-black tree (see java_treemap.h):
 * the textbook (Cormen et al.) insertion and deletion fix-ups, with the JDK's
 * null conventions (a null node is black, its parent and children are null)
 * and its deletion of a node with two children by copying the successor in.
 */
#include "agents/java_treemap.h"

#define NONE JAVA_TREEMAP_NONE

static int is_black(const java_treemap *m, size_t x)
{
    return x == NONE || m->node[x].black;
}

static void set_black(java_treemap *m, size_t x, int black)
{
    if (x != NONE)
        m->node[x].black = black;
}

static size_t parent_of(const java_treemap *m, size_t x)
{
    return x == NONE ? NONE : m->node[x].parent;
}

static size_t child_of(const java_treemap *m, size_t x, int right)
{
    return x == NONE ? NONE : right ? m->node[x].right : m->node[x].left;
}

static size_t *child_slot(java_treemap *m, size_t x, int right)
{
    return right ? &m->node[x].right : &m->node[x].left;
}

/* rotateLeft (right = 0) or rotateRight (right = 1) around p: its child on the other side takes its place. */
static void rotate(java_treemap *m, size_t p, int right)
{
    if (p == NONE)
        return;
    size_t c = child_of(m, p, !right);
    size_t inner = child_of(m, c, right);
    *child_slot(m, p, !right) = inner;
    if (inner != NONE)
        m->node[inner].parent = p;
    size_t up = m->node[p].parent;
    m->node[c].parent = up;
    if (up == NONE)
        m->root = c;
    else if (m->node[up].left == p)
        m->node[up].left = c;
    else
        m->node[up].right = c;
    *child_slot(m, c, right) = p;
    m->node[p].parent = c;
}

void java_treemap_init(java_treemap *m, struct java_treemap_node *nodes, size_t capacity)
{
    m->node = nodes;
    m->capacity = capacity;
    m->made = 0;
    m->root = NONE;
}

static void fix_after_insertion(java_treemap *m, size_t x)
{
    m->node[x].black = 0;
    while (x != NONE && x != m->root && !is_black(m, m->node[x].parent)) {
        size_t p = parent_of(m, x), g = parent_of(m, p);
        int side = p == child_of(m, g, 0) ? 0 : 1; /* the parent is g's left (0) or right (1) child */
        size_t uncle = child_of(m, g, !side);
        if (!is_black(m, uncle)) {
            set_black(m, p, 1);
            set_black(m, uncle, 1);
            set_black(m, g, 0);
            x = g;
            continue;
        }
        if (x == child_of(m, p, !side)) {
            x = p;
            rotate(m, x, side);
        }
        set_black(m, parent_of(m, x), 1);
        set_black(m, parent_of(m, parent_of(m, x)), 0);
        rotate(m, parent_of(m, parent_of(m, x)), !side);
    }
    m->node[m->root].black = 1;
}

size_t java_treemap_put(java_treemap *m, size_t key)
{
    size_t t = m->root, parent = NONE;
    int right = 0;
    while (t != NONE) {
        if (key == m->node[t].key)
            return t;
        parent = t;
        right = key > m->node[t].key;
        t = child_of(m, t, right);
    }
    if (m->made == m->capacity)
        return NONE;
    size_t e = m->made++;
    m->node[e] = (struct java_treemap_node){key, NONE, NONE, parent, 1};
    if (parent == NONE) {
        m->root = e;
        return e;
    }
    *child_slot(m, parent, right) = e;
    fix_after_insertion(m, e);
    return e;
}

size_t java_treemap_find(const java_treemap *m, size_t key)
{
    size_t t = m->root;
    while (t != NONE && m->node[t].key != key)
        t = child_of(m, t, key > m->node[t].key);
    return t;
}

static size_t extreme(const java_treemap *m, size_t t, int right)
{
    if (t != NONE)
        while (child_of(m, t, right) != NONE)
            t = child_of(m, t, right);
    return t;
}

size_t java_treemap_first(const java_treemap *m)
{
    return extreme(m, m->root, 0);
}

size_t java_treemap_last(const java_treemap *m)
{
    return extreme(m, m->root, 1);
}

size_t java_treemap_next(const java_treemap *m, size_t t)
{
    if (t == NONE)
        return NONE;
    if (m->node[t].right != NONE)
        return extreme(m, m->node[t].right, 0);
    size_t p = m->node[t].parent;
    while (p != NONE && t == m->node[p].right) {
        t = p;
        p = m->node[p].parent;
    }
    return p;
}

static void fix_after_deletion(java_treemap *m, size_t x)
{
    while (x != m->root && is_black(m, x)) {
        int side = x == child_of(m, parent_of(m, x), 0) ? 0 : 1; /* x is its parent's left (0) or right child */
        size_t sib = child_of(m, parent_of(m, x), !side);
        if (!is_black(m, sib)) {
            set_black(m, sib, 1);
            set_black(m, parent_of(m, x), 0);
            rotate(m, parent_of(m, x), side);
            sib = child_of(m, parent_of(m, x), !side);
        }
        if (is_black(m, child_of(m, sib, 0)) && is_black(m, child_of(m, sib, 1))) {
            set_black(m, sib, 0);
            x = parent_of(m, x);
            continue;
        }
        if (is_black(m, child_of(m, sib, !side))) {
            set_black(m, child_of(m, sib, side), 1);
            set_black(m, sib, 0);
            rotate(m, sib, !side);
            sib = child_of(m, parent_of(m, x), !side);
        }
        set_black(m, sib, is_black(m, parent_of(m, x)));
        set_black(m, parent_of(m, x), 1);
        set_black(m, child_of(m, sib, !side), 1);
        rotate(m, parent_of(m, x), side);
        x = m->root;
    }
    set_black(m, x, 1);
}

/* Replaces p by its only child (or nothing) in its parent's slot. */
static void unlink_node(java_treemap *m, size_t p, size_t replacement)
{
    size_t up = m->node[p].parent;
    if (up == NONE)
        m->root = replacement;
    else if (p == m->node[up].left)
        m->node[up].left = replacement;
    else if (p == m->node[up].right)
        m->node[up].right = replacement;
    m->node[p].left = m->node[p].right = m->node[p].parent = NONE;
}

void java_treemap_remove(java_treemap *m, size_t key)
{
    size_t p = java_treemap_find(m, key);
    if (p == NONE)
        return;
    if (m->node[p].left != NONE && m->node[p].right != NONE) {
        size_t s = java_treemap_next(m, p);
        m->node[p].key = m->node[s].key; /* the entry object p now holds its successor's mapping */
        p = s;
    }
    size_t replacement = m->node[p].left != NONE ? m->node[p].left : m->node[p].right;
    if (replacement != NONE) {
        m->node[replacement].parent = m->node[p].parent;
        int black = m->node[p].black;
        unlink_node(m, p, replacement);
        if (black)
            fix_after_deletion(m, replacement);
    } else if (m->node[p].parent == NONE) {
        m->root = NONE;
    } else {
        if (m->node[p].black)
            fix_after_deletion(m, p);
        if (m->node[p].parent != NONE)
            unlink_node(m, p, NONE);
    }
}
