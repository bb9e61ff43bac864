# serve_ranges.sh: every whole-number option of `parley serve` with its least and largest value (docs/deploy.md,
# the usage text), one "option least largest" a line, for the scripts that try both ends (kill_serve7.sh, kill_serve12.sh).
SERVE_RANGES="--max-body 1024 1073741824
--max-connections 16 1000000
--max-per-address 1 1000000
--request-seconds 1 3600
--max-streams 1 100000
--max-values 2 1099511627776
--max-parties 2 64
--max-cells 2 1099511627776
--max-outcomes 1 4611686018427387904
--profile-bytes 256 1073741824
--max-red-lines 1 1000000
--message-bytes 1 20000
--write-burst 1 1000000
--negotiation-bytes 4096 1125899906842624
--streams-per-negotiation 1 100000
--analyses-per-token 1 1000
--analyses-per-negotiation 1 1000
--running-per-negotiation 1 1000
--profile-burst 1 1000000
--agents-per-negotiation 1 64
--agent-memory 16777216 1099511627776"
