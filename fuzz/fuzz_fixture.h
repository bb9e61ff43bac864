/*
 * fuzz_fixture.h: the small scenario the fuzz targets work over (an integer, a
 * categorical and a real issue; parties A and B with red lines), as the start
 * of a scenario JSON text: a target closes it with "]}" or adds parties first.
 */
#ifndef PARLEY_FUZZ_FIXTURE_H
#define PARLEY_FUZZ_FIXTURE_H

#define FUZZ_SCENARIO_OPEN                                                                                          \
    "{\"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"                             \
    " {\"name\": \"color\", \"type\": \"categorical\", \"values\": [\"red\", \"blue\"]},"                             \
    " {\"name\": \"share\", \"type\": \"real\", \"min\": 0, \"max\": 1, \"step\": 0.25}],"                            \
    " \"parties\": ["                                                                                                 \
    " {\"name\": \"A\", \"reservation\": 0.2, \"preferences\": {\"price\": {\"weight\": 0.5, \"function\":"          \
    "  {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}, \"color\": {\"weight\": 0.5, \"values\":"             \
    "  {\"red\": 1, \"blue\": 0}}}, \"red_lines\": [{\"name\": \"cheap\", \"rule\": \"price <= 3\"}]},"             \
    " {\"name\": \"B\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\","         \
    "  \"at_min\": 0, \"at_max\": 1}}}, \"red_lines\": [{\"name\": \"r\", \"rule\": \"price >= 1\"}]}"

#endif
