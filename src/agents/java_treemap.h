/*
 * java_treemap.h: the red-black tree of java.util.TreeMap (the JDK's
 * insertion and deletion, rotations and recolourings included), with keys
 * only, for ports whose original holds on to a TreeMap's live entries while it
 * removes others.  When the JDK removes a node with two children it copies
 * its successor's key and value into that node and unlinks the successor, so
 * an entry object taken from entrySet() earlier may then hold another key:
 * HardHeaded's offer queue does this (KLH.chooseAction).  Nodes are numbered
 * in the order they are made and keep their content after they leave the tree,
 * as a Java entry object does.
 */
#ifndef PARLEY_JAVA_TREEMAP_H
#define PARLEY_JAVA_TREEMAP_H

#include <stddef.h>

#define JAVA_TREEMAP_NONE ((size_t)-1)

struct java_treemap_node {
    size_t key;
    size_t left, right, parent; /* JAVA_TREEMAP_NONE for null */
    int black;
};

typedef struct {
    struct java_treemap_node *node; /* caller's storage, one node per distinct key put */
    size_t capacity, made, root;
} java_treemap;

/* An empty map over the caller's array of `capacity` nodes. */
void java_treemap_init(java_treemap *m, struct java_treemap_node *nodes, size_t capacity);
/* put(key): the node holding key (made, and the tree rebalanced, when new); JAVA_TREEMAP_NONE when full. */
size_t java_treemap_put(java_treemap *m, size_t key);
/* The node holding key in the tree, or JAVA_TREEMAP_NONE. */
size_t java_treemap_find(const java_treemap *m, size_t key);
/* remove(key) as the JDK's deleteEntry does it (may move another key into the found node); no-op when absent. */
void java_treemap_remove(java_treemap *m, size_t key);
/* The node of the smallest / largest key, or JAVA_TREEMAP_NONE when empty. */
size_t java_treemap_first(const java_treemap *m);
size_t java_treemap_last(const java_treemap *m);
/* The node of the next larger key (in-order successor), or JAVA_TREEMAP_NONE. */
size_t java_treemap_next(const java_treemap *m, size_t node);

#endif
