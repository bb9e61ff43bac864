/*
 * registry.c: the built-in agents by name, agent specs ("conceder:e=2") and
 * their parameters ("key=value:key=value"), and the names of event kinds.
 */
#include "agents/builtin.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const parley_agent_vtable *const builtins[] = {
    &agent_boulware, &agent_linear, &agent_conceder, &agent_hardliner, &agent_tit_for_tat, &agent_random,
    &agent_nash, &agent_boa, &agent_hardheaded, &agent_nice_tit_for_tat, &agent_agent_k, &agent_cuhk,
    &agent_atlas3, &agent_agent_gg, &agent_micro,
    /* ANAC winners ported from GENIUS 10.4 */
    &agent_ponpoko, &agent_agreeable_2018, &agent_the_fawkes, &agent_agent_m, &agent_caduceus};
static const char *const builtin_names[] = {"boulware", "linear", "conceder", "hardliner", "tit-for-tat",
                                            "random", "nash", "boa", "hardheaded", "nice-tit-for-tat",
                                            "agent-k", "cuhk", "atlas3", "agent-gg", "micro",
                                            "ponpoko", "agreeable-2018", "the-fawkes", "agent-m", "caduceus", NULL};

const parley_agent_vtable *parley_agent_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i]->name, name) == 0)
            return builtins[i];
    return NULL;
}

const char *const *parley_agent_builtin_names(void)
{
    return builtin_names;
}

const char *parley_event_kind_name(parley_event_kind kind)
{
    static const char *const names[] = {"session_start", "session_end", "offer",  "text",
                                        "proposal",      "amendment",   "vote",   "accept",
                                        "reject",        "walk_away",   "agreement"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

int parley_agent_spec_is_plugin(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') != NULL || (n > 3 && strcmp(name + n - 3, ".so") == 0);
}

int parley_agent_spec_split(const char *spec, char *name, size_t size, const char **params, parley_error *err)
{
    const char *colon = strchr(spec, ':');
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    *params = colon ? colon + 1 : spec + n;
    if (n == 0)
        return parley_error_set(err, PARLEY_EINVAL, "empty agent name in '%s' (expected NAME[:key=value...])", spec);
    if (n >= size)
        return parley_error_set(err, PARLEY_EINVAL, "agent name too long (%zu characters)", n);
    memcpy(name, spec, n);
    name[n] = '\0';
    return PARLEY_OK;
}

/* The next "key=value" item of params at *p: key and value spans; advances *p. 0 at the end, -1 when malformed. */
static int next_item(const char **p, const char **key, size_t *klen, const char **value, size_t *vlen)
{
    const char *s = *p;
    if (*s == '\0')
        return 0;
    const char *end = strchr(s, ':');
    if (!end)
        end = s + strlen(s);
    const char *eq = memchr(s, '=', (size_t)(end - s));
    *p = *end ? end + 1 : end;
    if (!eq || eq == s || eq + 1 == end)
        return -1;
    *key = s;
    *klen = (size_t)(eq - s);
    *value = eq + 1;
    *vlen = (size_t)(end - eq - 1);
    if (**p == '\0' && *end == ':')
        return -1; /* trailing ':' */
    return 1;
}

int parley_agent_params_check(const char *agent, const char *params, const char *const *allowed, parley_error *err)
{
    const char *p = params ? params : "", *key, *value;
    size_t klen, vlen;
    int r;
    while ((r = next_item(&p, &key, &klen, &value, &vlen)) != 0) {
        if (r < 0)
            return parley_error_set(err, PARLEY_EINVAL, "agent %s: malformed parameters '%s' (expected key=value, "
                                    "separated by ':')", agent, params);
        int known = 0;
        for (size_t i = 0; allowed[i]; i++)
            if (strlen(allowed[i]) == klen && strncmp(allowed[i], key, klen) == 0)
                known = 1;
        if (!known) {
            char list[256] = "";
            for (size_t i = 0; allowed[i]; i++) {
                if (i)
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
                strncat(list, allowed[i], sizeof list - strlen(list) - 1);
            }
            return parley_error_set(err, PARLEY_EINVAL, "agent %s: unknown parameter '%.*s' (expected %s)", agent,
                                    (int)(klen > 64 ? 64 : klen), key, list[0] ? list : "no parameters");
        }
    }
    return PARLEY_OK;
}

int parley_agent_param_double(const char *agent, const char *params, const char *key, double def, double *out,
                              parley_error *err)
{
    const char *p = params ? params : "", *k, *value;
    size_t klen, vlen;
    int r;
    *out = def;
    while ((r = next_item(&p, &k, &klen, &value, &vlen)) != 0) {
        if (r < 0 || klen != strlen(key) || strncmp(k, key, klen) != 0)
            continue;
        char buf[64];
        if (vlen >= sizeof buf)
            return parley_error_set(err, PARLEY_EINVAL, "agent %s: value of %s is too long", agent, key);
        memcpy(buf, value, vlen);
        buf[vlen] = '\0';
        char *end = NULL;
        errno = 0;
        double x = strtod(buf, &end);
        if (errno || end == buf || *end != '\0' || !isfinite(x))
            return parley_error_set(err, PARLEY_EINVAL, "agent %s: %s=%s is not a number", agent, key, buf);
        *out = x;
    }
    return PARLEY_OK;
}

int parley_agent_param_string(const char *agent, const char *params, const char *key, const char *def, char *buf,
                              size_t size, parley_error *err)
{
    const char *p = params ? params : "", *k, *value = def;
    size_t klen, vlen = strlen(def);
    int r;
    while ((r = next_item(&p, &k, &klen, &value, &vlen)) != 0)
        if (r > 0 && klen == strlen(key) && strncmp(k, key, klen) == 0)
            break;
    if (r <= 0) {
        value = def;
        vlen = strlen(def);
    }
    if (vlen >= size)
        return parley_error_set(err, PARLEY_EINVAL, "agent %s: value of %s is too long", agent, key);
    memcpy(buf, value, vlen);
    buf[vlen] = '\0';
    return PARLEY_OK;
}
