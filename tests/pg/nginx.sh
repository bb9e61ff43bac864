# nginx.sh: sourced by tests/pg/proxy.sh and bench/bench_server.sh.  nginx_start DIR PORT UPSTREAM_PORT...
# starts Debian's nginx in the foreground of a background job (pid in $nginx_pid), its files under DIR, on
# 127.0.0.1:PORT in front of parley processes on 127.0.0.1:UPSTREAM_PORT... (the configuration of
# docs/deploy.md without TLS); returns 1 when it does not answer within 60 s.
nginx_start() {
    local dir=$1 listen=$2 p
    shift 2
    mkdir -p "$dir/nginx" && chmod 777 "$dir/nginx" && chmod 755 "$dir"
    {
        echo "daemon off; worker_processes 1; pid $dir/nginx.pid; error_log $dir/nginx.err;"
        echo "events { worker_connections 1024; }"
        echo "http {"
        echo "    access_log off;"
        for p in client_body proxy fastcgi uwsgi scgi; do echo "    ${p}_temp_path $dir/nginx/$p;"; done
        echo "    upstream parley {"
        for p in "$@"; do echo "        server 127.0.0.1:$p max_fails=0;"; done
        echo "        keepalive 64;"
        echo "    }"
        echo "    server {"
        echo "        listen 127.0.0.1:$listen;"
        echo "        location / {"
        echo "            proxy_pass http://parley; proxy_http_version 1.1; proxy_set_header Connection \"\";"
        echo "            proxy_set_header Host \$host; proxy_buffering off; proxy_read_timeout 1h;"
        echo "        }"
        echo "    }"
        echo "}"
    } >"$dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/nginx.err" &
    nginx_pid=$!
    for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$listen/api/health" && return 0; sleep 0.1; done
    return 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
