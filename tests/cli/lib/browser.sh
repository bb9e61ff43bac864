# browser.sh: sourced by the browser tests: makes sure headless Debian chromium, node and the npm
# package playwright-core (tests/e2e/node_modules) are there, installing what is missing with
# apt-get and npm ci. `ensure_browser E2E_DIR` returns non-zero (after saying why) when something
# cannot be installed, so the caller FAILS instead of skipping.
ensure_browser() {
    local e2e=$1 sudo="" need=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    [ -x /usr/bin/chromium ] || need="$need chromium"
    command -v node >/dev/null || need="$need nodejs"
    command -v npm >/dev/null || need="$need npm"
    if [ -n "$need" ]; then
        echo "installing$need"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
    fi
    [ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is missing and could not be installed"; return 1; }
    command -v node >/dev/null || { echo "FAIL: node is missing and could not be installed"; return 1; }
    if [ ! -d "$e2e/node_modules/playwright-core" ]; then
        (cd "$e2e" && npm ci --no-audit --no-fund --silent) || { echo "FAIL: npm ci of playwright-core failed"; return 1; }
    fi
    return 0
}
