/*
 * static.c: the dashboard's files (web/) served as they are: "/" is
 * index.html; names are limited to letters, digits, '.', '-', '_' and '/',
 * never "..".  Only regular files inside the folder are served: the file is
 * opened without following a final symbolic link and without blocking (a FIFO
 * opens at once), then checked with fstat (a regular file) and by the path
 * the kernel resolved for the open descriptor (inside the folder's real path,
 * so a linked directory that leads out is refused too).  Anything else: 404.
 */
#include "server/server_internal.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
                 {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
                 {".json", "application/json"},         {".png", "image/png"},
                 {".ico", "image/x-icon"},              {".txt", "text/plain; charset=utf-8"}};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static struct MHD_Response *not_found(int *status)
{
    static const char text[] = "{\"error\":{\"status\":404,\"message\":\"no such file\"}}";
    struct MHD_Response *r = MHD_create_response_from_buffer(sizeof text - 1, (void *)text, MHD_RESPMEM_PERSISTENT);
    if (r)
        MHD_add_response_header(r, "Content-Type", "application/json");
    *status = 404;
    return r;
}

/* 1 when the file open as fd lies inside the folder whose real path is `root` (by the path the kernel resolved). */
static int inside(const char *root, int fd)
{
    char link[64], real[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, real, sizeof real - 1);
    if (n <= 0 || !root)
        return 0;
    real[n] = '\0';
    size_t k = strlen(root);
    return strncmp(real, root, k) == 0 && real[k] == '/';
}

struct MHD_Response *static_response(parley_server *srv, const char *url, int *status)
{
    if (!srv->web_dir || url[0] != '/' || strstr(url, "..") || strlen(url) > 200)
        return not_found(status);
    for (const char *p = url; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '-' || *p == '_' || *p == '/'))
            return not_found(status);
    char path[1400];
    snprintf(path, sizeof path, "%s%s%s", srv->web_dir, url, url[strlen(url) - 1] == '/' ? "index.html" : "");
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0)
        return not_found(status);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !inside(srv->web_real, fd)) {
        close(fd);
        return not_found(status);
    }
    struct MHD_Response *r = MHD_create_response_from_fd((size_t)st.st_size, fd); /* closes fd when done */
    if (!r) {
        close(fd);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", content_type(path));
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; "
                                                          "img-src 'self' data:; frame-ancestors 'none'");
    *status = 200;
    return r;
}
