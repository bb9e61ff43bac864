/*
 * parley/space.h: issues and the outcome space they span.
 *
 * An issue takes one of a finite list of values: named categories, or numbers
 * on a grid (integer or real, from min to max by step).  Values are addressed by
 * index 0..count-1.  An outcome (a package, a deal) is one value index per
 * issue: `uint32_t values[issue_count]`.  The space is the cartesian product;
 * outcome number k is the mixed-radix number whose digits are the value indices,
 * issue 0 most significant.
 */
#ifndef PARLEY_SPACE_H
#define PARLEY_SPACE_H

#include <parley/error.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_issue_type {
    PARLEY_ISSUE_CATEGORICAL = 0,
    PARLEY_ISSUE_INTEGER = 1,
    PARLEY_ISSUE_REAL = 2
} parley_issue_type;

/* Largest number of values one issue may have. */
#define PARLEY_MAX_ISSUE_VALUES 10000000u
/* Largest number of issues in a space. */
#define PARLEY_MAX_ISSUES 4096u
/* Largest number of values of all issues together (tables per party grow with it). */
#define PARLEY_MAX_TOTAL_VALUES 16777216u

typedef struct parley_space parley_space;

/* New empty space; NULL when out of memory.  Free with parley_space_free. */
parley_space *parley_space_new(void);
void parley_space_free(parley_space *space);
/* A deep copy; NULL when out of memory. */
parley_space *parley_space_clone(const parley_space *space);

/*
 * Adding issues.  Names must be unique, non-empty identifiers
 * ([A-Za-z_][A-Za-z0-9_]*) so that constraint expressions can name them.
 * Strings are copied.  Return 0 or PARLEY_EINVAL/ENOMEM with err filled.
 */
int parley_space_add_categorical(parley_space *space, const char *name, const char *const *labels,
                                 size_t count, parley_error *err);
/* Values min, min+step, ..., up to max (max must be reachable: (max-min) % step == 0). */
int parley_space_add_integer(parley_space *space, const char *name, int64_t min, int64_t max,
                             int64_t step, parley_error *err);
/* Values min + k*step for k = 0..round((max-min)/step); (max-min)/step must be whole within 1e-9. */
int parley_space_add_real(parley_space *space, const char *name, double min, double max, double step,
                          parley_error *err);
/* Optional free text about an issue (copied). */
int parley_space_set_description(parley_space *space, size_t issue, const char *text);

size_t parley_space_issue_count(const parley_space *space);
/* Index of the issue with this name, or -1. */
long parley_space_find_issue(const parley_space *space, const char *name);

const char *parley_issue_name(const parley_space *space, size_t issue);
const char *parley_issue_description(const parley_space *space, size_t issue); /* NULL when none */
parley_issue_type parley_issue_type_of(const parley_space *space, size_t issue);
uint32_t parley_issue_value_count(const parley_space *space, size_t issue);
/* Grid of a numeric issue (for categorical: min 0, step 1, max count-1). */
double parley_issue_min(const parley_space *space, size_t issue);
double parley_issue_max(const parley_space *space, size_t issue);
double parley_issue_step(const parley_space *space, size_t issue);
/* The number a value stands for (numeric issues), or its index (categorical). */
double parley_issue_number(const parley_space *space, size_t issue, uint32_t value);
/* The label of a categorical value; NULL for numeric issues. */
const char *parley_issue_label(const parley_space *space, size_t issue, uint32_t value);
/* Index of a categorical label, or -1. */
long parley_issue_find_label(const parley_space *space, size_t issue, const char *label);
/* Index of the grid value equal to x (within 1e-9 of the step), or -1. */
long parley_issue_find_number(const parley_space *space, size_t issue, double x);
/* Writes a value as text ("yes", "30", "1.5") into buf; returns buf. */
char *parley_issue_format_value(const parley_space *space, size_t issue, uint32_t value, char *buf,
                                size_t size);

/* Number of outcomes as a double (exact below 2^53; +inf never: huge spaces give large finite values). */
double parley_space_size(const parley_space *space);
/* Number of outcomes in *out; PARLEY_ERANGE when it does not fit in 64 bits. */
int parley_space_size_u64(const parley_space *space, uint64_t *out);
/* Mixed-radix conversion between an outcome number and its values (space size must fit in 64 bits). */
void parley_space_decode(const parley_space *space, uint64_t index, uint32_t *values);
uint64_t parley_space_encode(const parley_space *space, const uint32_t *values);
/* Writes "issue=value, issue=value" into buf (truncated to size); returns buf. */
char *parley_outcome_format(const parley_space *space, const uint32_t *values, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
