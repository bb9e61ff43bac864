# sanitized.sh: sourced by the CLI tests that do less of their slowest work in the sanitizer tree.
# is_sanitized PARLEY: true when the binary was built with AddressSanitizer (`make asan`, build-asan/).
is_sanitized() {
    grep -qa __asan_init "$1"
}
