# chromium.sh: sourced by the browser tests (serve_e2e.sh, plots.sh, conflict_svg_browser.sh): makes sure Debian's chromium, nodejs/npm
# and the npm package playwright-core (into tests/e2e/node_modules) are installed, installing what is missing.
# need_chromium SRC_DIR TEST_NAME: returns non-zero after printing "FAIL: ..." when something cannot be installed
# (a browser test that cannot run fails; it never skips).
need_chromium() {
    local e2e="$1/tests/e2e" name=$2 sudo="" need=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    [ -x /usr/bin/chromium ] || need="$need chromium"
    command -v node >/dev/null || need="$need nodejs"
    command -v npm >/dev/null || need="$need npm"
    if [ -n "$need" ]; then
        echo "$name: installing$need"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
    fi
    [ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is missing and could not be installed"; return 1; }
    command -v node >/dev/null || { echo "FAIL: node is missing and could not be installed"; return 1; }
    # Browser tests run in parallel: one installs while the others wait (npm ci empties node_modules first, so a
    # test that found the package could lose it mid-run), and the package counts only once complete.
    local lock="${TMPDIR:-/tmp}/parley-npm-$(printf %s "$e2e" | md5sum | cut -c1-12).lock" rc=0
    exec {fd}>"$lock"
    flock "$fd"
    if [ ! -f "$e2e/node_modules/playwright-core/package.json" ] || [ ! -f "$e2e/node_modules/.parley-installed" ]; then
        (cd "$e2e" && npm ci --no-audit --no-fund --silent && touch node_modules/.parley-installed) ||
            { echo "FAIL: npm ci of playwright-core failed"; rc=1; }
    fi
    flock -u "$fd"
    exec {fd}>&-
    return $rc
}
