/*
 * static.c: the dashboard's files (web/) served as they are: "/" is
 * index.html; names are limited to letters, digits, '.', '-', '_' and '/',
 * never "..", so nothing outside the directory can be read.
 */
#include "server/server_internal.h"

#include <fcntl.h>
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
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return not_found(status);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
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
