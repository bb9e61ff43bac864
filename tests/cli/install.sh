#!/usr/bin/env bash
# install.sh: `cmake --install` (what `make install PREFIX=...` runs) into a temporary prefix gives a working
# installation: a C program builds against it with `pkg-config --cflags --libs parley` and with CMake's
# find_package(parley), statically too (pkg-config --static, parley-server.pc); libparley.so has a versioned soname and exports only parley_* symbols; man pages
# say what --help says; bash completion completes commands, options and agent names; the Python package
# installs offline with pip and runs over the installed library.
set -u
PARLEY=$1 SOURCE=$2
BUILD=$(cd "$(dirname "$PARLEY")" && pwd)
. "$SOURCE/tests/cli/lib/check.sh"
PREFIX=$TMP/prefix

cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; echo "FAIL: cmake --install"; exit 1; }
for f in bin/parley bin/parley-serve bin/parley-mpi lib/libparley_server.a lib/libparley.a lib/libparley.so lib/libparley.so.0 include/parley/parley.h include/parley/text.h \
         lib/pkgconfig/parley.pc lib/pkgconfig/parley-server.pc lib/cmake/parley/parleyConfig.cmake lib/cmake/parley/parleyTargets.cmake \
         share/man/man1/parley.1 share/man/man1/parley-analyze.1 share/bash-completion/completions/parley; do
    [ -e "$PREFIX/$f" ] || fail "not installed: $f"
done

# The shared library: soname with the major version, nothing exported but parley_* (and the version node).
readelf -d "$PREFIX/lib/libparley.so" | grep -q 'SONAME.*\[libparley.so.0\]' || fail "soname is not libparley.so.0"
nm -D --defined-only "$PREFIX/lib/libparley.so" | awk '{print $3}' | sed 's/@.*//' | grep -v -e '^parley_' -e '^PARLEY_0$' >"$TMP/extra"
[ -s "$TMP/extra" ] && fail "exported beyond parley_*: $(head -5 "$TMP/extra" | tr '\n' ' ')"
nm -D --defined-only "$PREFIX/lib/libparley.so" | grep -q ' parley_analyze@@PARLEY_0$' || fail "parley_analyze not exported"

# Neither libparley.so nor parley loads the server's or MPI's libraries; `parley serve` runs the installed
# parley-serve next to it (docs/speed.md).
readelf -d "$PREFIX/lib/libparley.so" "$PREFIX/bin/parley" | grep NEEDED | grep -E 'microhttpd|libmpi|gnutls|sqlite|nettle' \
    >"$TMP/needed" && fail "loads what only serve or MPI needs: $(tr '\n' ' ' <"$TMP/needed")"
PATH=/nonexistent "$PREFIX/bin/parley" serve --help >"$TMP/serve-help" 2>&1 || fail "installed parley serve --help: $(cat "$TMP/serve-help")"
grep -q -- '--listen' "$TMP/serve-help" || fail "installed parley serve --help does not describe serve"

# A program against the installed library, through pkg-config.  The sanitizer tree's library needs the
# sanitizer runtime linked first.
san=""
grep -q '^PARLEY_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" && san="-fsanitize=address,undefined"
cat >"$TMP/count.c" <<'C'
/* Counts the outcomes of a scenario and names its Nash package, through the installed libparley. */
#include <parley/parley.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    parley_scenario *sc = NULL;
    parley_analysis *a = NULL;
    parley_error err;
    char buf[512];
    const uint32_t *nash;
    const double *u;
    double value;
    if (parley_scenario_load(argv[1], &sc, &err) || parley_analyze(sc, NULL, &a, &err)) {
        fprintf(stderr, "%s\n", parley_error_format(&err, buf, sizeof buf));
        parley_scenario_free(sc);
        return 2;
    }
    parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &nash, &u, &value);
    printf("%s %llu %llu %s\n", parley_version(), (unsigned long long)parley_analysis_outcomes(a),
           (unsigned long long)parley_analysis_acceptable(a),
           parley_outcome_format(parley_scenario_space(sc), nash, buf, sizeof buf));
    parley_analysis_free(a);
    parley_scenario_free(sc);
    return argc > 2;
}
C
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
flags=$(pkg-config --cflags --libs parley) || fail "pkg-config --cflags --libs parley"
case $flags in *"-I$PREFIX/include"*"-L$PREFIX/lib"*"-lparley"*) ;; *) fail "pkg-config flags: $flags" ;; esac
cc $san -std=c17 -Wall -Werror -o "$TMP/count" "$TMP/count.c" $flags 2>"$TMP/cc.log" || fail "cc with pkg-config: $(cat "$TMP/cc.log")"
# Which library it runs with: the installed one, not the build tree's.
LD_LIBRARY_PATH="$PREFIX/lib" ldd "$TMP/count" | grep -q "libparley.so.0 => $PREFIX/lib/libparley.so.0" || fail "not linked to the installed libparley.so.0"
# The buyer-seller example by hand (tests/cli/textbook.sh): 6 outcomes, 3 acceptable, Nash price 2 red.
out=$(LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/count" "$SOURCE/examples/textbook-buyer-seller.json")
[ "$out" = "0.1.0 6 3 price=2, color=red" ] || fail "program over the installed library printed '$out'"
# parley_scenario_load reads any format: a GENIUS domain and its profiles joined by '+' (165 outcomes, 154
# acceptable, as `parley analyze` counts them).
G=$SOURCE/tests/data/genius
out=$(LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/count" "$G/tiny-domain.xml+$G/tiny-buyer.xml+$G/tiny-seller.xml" 2>&1)
case $out in "0.1.0 165 154 "*) ;; *) fail "parley_scenario_load on GENIUS files printed '$out'" ;; esac

# A static link through pkg-config: `--static` names every library libparley.a needs (jansson, expat, ...);
# with -static the program holds no shared library at all (skipped in the sanitizer tree, whose runtime is shared).
if [ -z "$san" ]; then
    sflags=$(pkg-config --static --cflags --libs parley) || fail "pkg-config --static --libs parley"
    if cc -static -std=c17 -Wall -Werror -o "$TMP/count_static" "$TMP/count.c" $sflags 2>"$TMP/cc-static.log"; then
        file "$TMP/count_static" | grep -q 'statically linked' || fail "cc -static gave: $(file "$TMP/count_static")"
        out=$("$TMP/count_static" "$SOURCE/examples/textbook-buyer-seller.json")
        [ "$out" = "0.1.0 6 3 price=2, color=red" ] || fail "statically linked program printed '$out'"
    else
        fail "cc -static with pkg-config --static --libs parley: $(grep -m3 -i 'undefined\|cannot find' "$TMP/cc-static.log")"
    fi
fi
# libparley_server.a through parley-server.pc: --static adds GnuTLS's private libraries (-lunistring, ...),
# and a program starting a server links against the archives.
sflags=$(pkg-config --static --libs parley-server) || fail "pkg-config --static --libs parley-server"
for lib in -lparley_server -lparley -lmicrohttpd -lsqlite3 -lnettle -lgnutls -lunistring; do
    case " $sflags " in *" $lib "*) ;; *) fail "pkg-config --static --libs parley-server lacks $lib: $sflags" ;; esac
done
# libpq is loaded when a PostgreSQL database is opened (src/server/pg_lib.h), never linked
case " $sflags " in *" -lpq "*) fail "pkg-config --static --libs parley-server links libpq: $sflags" ;; esac
cat >"$TMP/server.c" <<'C'
/* Starts parley's HTTP server on a free port and stops it, through the installed libparley_server.a. */
#include <parley/server.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    parley_server_options options = {.db_path = argc > 1 ? argv[1] : "parley.db", .open = 1};
    parley_server *server = NULL;
    parley_error err;
    char buf[512];
    if (parley_server_start(&options, &server, &err) != PARLEY_OK) {
        fprintf(stderr, "%s\n", parley_error_format(&err, buf, sizeof buf));
        return 1;
    }
    printf("%d\n", parley_server_port(server) > 0);
    parley_server_stop(server);
    return 0;
}
C
# parley's own archives are linked statically; what they need comes after, without a second -lparley that
# would pull libparley.so in (the sanitizer tree's linker keeps it, and the prefix is not on the loader's path).
deps=$(printf ' %s ' $sflags | sed 's/ -lparley_server / /; s/ -lparley / /g')
cc $san -std=c17 -Wall -Werror -o "$TMP/server" "$TMP/server.c" $(pkg-config --cflags parley-server) \
    -Wl,-Bstatic -lparley_server -lparley -Wl,-Bdynamic $deps 2>"$TMP/cc-server.log" \
    || fail "cc with pkg-config --static --libs parley-server: $(head -c 600 "$TMP/cc-server.log")"
got=$("$TMP/server" "$TMP/server.db" 2>&1)
[ "$got" = 1 ] || fail "program over libparley_server.a: $(printf %s "$got" | head -3)"

# The same through CMake's find_package(parley), static and shared.
mkdir -p "$TMP/cm"
cp "$TMP/count.c" "$TMP/cm/"
cat >"$TMP/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(count C)
find_package(parley 0.1 REQUIRED)
add_executable(count_shared count.c)
target_link_libraries(count_shared PRIVATE parley::parley_shared)
add_executable(count_static count.c)
target_link_libraries(count_static PRIVATE parley::parley)
CM
if cmake -S "$TMP/cm" -B "$TMP/cm/build" -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_C_FLAGS="$san" \
        -DCMAKE_EXE_LINKER_FLAGS="$san" >"$TMP/cm.log" 2>&1 && cmake --build "$TMP/cm/build" >>"$TMP/cm.log" 2>&1; then
    for v in shared static; do
        got=$("$TMP/cm/build/count_$v" "$SOURCE/examples/textbook-buyer-seller.json")
        [ "$got" = "0.1.0 6 3 price=2, color=red" ] || fail "find_package(parley) $v program printed '$got'"
    done
else
    fail "find_package(parley): $(tail -20 "$TMP/cm.log")"
fi

# Man pages: one per command `parley --help` lists, each holding its command's --help text line by line.
for cmd in $("$PREFIX/bin/parley" --help | awk '/^commands:/ {on = 1; next} on && !NF {exit} on {print $1}'); do
    page="$PREFIX/share/man/man1/parley-$cmd.1"
    [ -f "$page" ] || { fail "no man page for $cmd"; continue; }
    # troff back to text: drop requests, undo the escapes help2man.sh adds
    sed -n '/^\.nf$/,/^\.fi$/p' "$page" | sed -e '1d' -e '$d' -e 's/^\\&//' -e 's/\\e/\\/g' >"$TMP/man.txt"
    "$PREFIX/bin/parley" "$cmd" --help >"$TMP/help.txt"
    cmp -s "$TMP/man.txt" "$TMP/help.txt" || fail "man page of $cmd differs from its --help"
    grep -q "^parley-$cmd \\\\- " "$page" || fail "man page of $cmd has no NAME line"
done
if command -v man >/dev/null; then
    MANPATH="$PREFIX/share/man" man -P cat parley-negotiate 2>/dev/null | grep -q -- '--protocol' || fail "man parley-negotiate"
fi

# Bash completion.
complete_words() { # words...: prints the completions of the last word
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _parley; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$PREFIX/share/bash-completion/completions/parley" "$@"
}
complete_words "$PREFIX/bin/parley" neg | grep -qx negotiate || fail "completion of a command"
complete_words "$PREFIX/bin/parley" negotiate --pro | grep -qx -- --protocol || fail "completion of an option"
complete_words "$PREFIX/bin/parley" tournament --agents boulware,co | grep -qx boulware,conceder || fail "completion of an agent"
complete_words "$PREFIX/bin/parley" negotiate --agents '' | grep -qx tit-for-tat || fail "completion of every agent"
complete_words "$PREFIX/bin/parley" negotiate --protocol sh | grep -qx shuttle || fail "completion of a protocol"
complete_words "$PREFIX/bin/parley" propose --rule w | grep -qx welfare || fail "completion of the welfare rule"

# The Python package, installed offline from python/ with pip, over the installed library.
PY=/usr/bin/python3
if [ -z "$san" ] && $PY -m pip --version >/dev/null 2>&1; then
    cp -r "$SOURCE/python" "$TMP/python"
    rm -f "$TMP"/python/parley/libparley.so*
    cp "$PREFIX/lib/libparley.so.0" "$TMP/python/parley/"
    $PY -m pip install -q --no-build-isolation --no-index --target "$TMP/site" "$TMP/python" >"$TMP/pip.log" 2>&1 \
        || fail "pip install --no-build-isolation: $(tail -5 "$TMP/pip.log")"
    got=$(cd "$TMP" && env -u PARLEY_LIBRARY PYTHONPATH="$TMP/site" $PY -c '
import parley, sys
sc = parley.load(sys.argv[1])
print(parley._native.lib._name.startswith(sys.argv[2]), sc.analyze()["acceptable"])' \
        "$SOURCE/examples/textbook-buyer-seller.json" "$TMP/site/parley/") || fail "import parley after pip install"
    [ "$got" = "True 3" ] || fail "pip-installed parley printed '$got'"
fi
if [ "$fails" -ne 0 ]; then
    echo "install.sh: $fails check(s) failed"
    exit 1
fi
echo "install.sh: all checks passed"
