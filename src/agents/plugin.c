/*
 * plugin.c: loading agents from shared libraries.  A plug-in exports
 * `const parley_agent_vtable *parley_agent_entry(void)`; the loader checks the
 * ABI version and the callbacks and keeps the library open until closed.
 */
#include <parley/agent.h>

#include <dlfcn.h>
#include <stdlib.h>

struct parley_agent_plugin {
    void *handle;
    const parley_agent_vtable *vt;
};

typedef const parley_agent_vtable *(*entry_fn)(void);

int parley_agent_plugin_load(const char *path, parley_agent_plugin **out, parley_error *err)
{
    *out = NULL;
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        return parley_error_set_at(err, PARLEY_EINVAL, path, 0, 0, NULL, "cannot load the agent plug-in: %s",
                                   why ? why : "unknown reason");
    }
    entry_fn entry;
    *(void **)&entry = dlsym(handle, "parley_agent_entry");
    const parley_agent_vtable *vt = entry ? entry() : NULL;
    const char *problem = NULL;
    if (!entry)
        problem = "it has no parley_agent_entry function";
    else if (!vt)
        problem = "parley_agent_entry returned NULL";
    else if (vt->abi != PARLEY_AGENT_ABI)
        problem = "it was built for another version of the agent interface";
    else if (!vt->create || !vt->destroy || !vt->act || !vt->name)
        problem = "its vtable leaves a callback or the name unset";
    if (problem) {
        dlclose(handle);
        return parley_error_set_at(err, PARLEY_EINVAL, path, 0, 0, NULL, "not a parley agent plug-in: %s (ABI %u)",
                                   problem, PARLEY_AGENT_ABI);
    }
    parley_agent_plugin *p = malloc(sizeof *p);
    if (!p) {
        dlclose(handle);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    p->handle = handle;
    p->vt = vt;
    *out = p;
    return PARLEY_OK;
}

const parley_agent_vtable *parley_agent_plugin_vtable(const parley_agent_plugin *p)
{
    return p->vt;
}

void parley_agent_plugin_close(parley_agent_plugin *p)
{
    if (!p)
        return;
    dlclose(p->handle);
    free(p);
}
