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
    if [ ! -d "$e2e/node_modules/playwright-core" ]; then
        (cd "$e2e" && npm ci --no-audit --no-fund --silent) || { echo "FAIL: npm ci of playwright-core failed"; return 1; }
    fi
    return 0
}
