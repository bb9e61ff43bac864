/* bayes_check.c: the bid sequence of run.sh through parley's "bayes" opponent model; prints what BayesCheck.java prints
   (the evaluation of every 30th bid of the sequence after chosen numbers of updates). */
#include <parley/parley.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bayes_check DOMAIN.xml PROF1.xml PROF2.xml SEQUENCE.tsv\n");
        return 2;
    }
    const char *files[] = {argv[1], argv[2], argv[3]};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load_files(files, 3, &sc, &err)) { fprintf(stderr, "%s\n", err.message); return 1; }
    const parley_space *s = parley_scenario_space(sc);
    size_t n = parley_space_issue_count(s);
    FILE *f = fopen(argv[4], "r");
    if (!f || n > 8) {
        fprintf(stderr, "bayes_check: cannot read %s, or more than 8 issues\n", argv[4]);
        return 2;
    }
    static uint32_t seq[2000][8];
    size_t count = 0;
    char line[1024];
    while (count < 2000 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        char *save = NULL, *tok = strtok_r(line, "\t", &save);
        for (size_t i = 0; i < n && tok; i++, tok = strtok_r(NULL, "\t", &save))
            seq[count][i] = (uint32_t)parley_issue_find_label(s, i, tok);
        count++;
    }
    parley_opponent_model *m = NULL;
    fclose(f);
    if (count <= 39 * 30 || parley_opponent_model_new("bayes", s, &m, &err)) {
        fprintf(stderr, "bayes_check: need more than %d bids\n", 39 * 30);
        return 2;
    }
    int at[] = {1, 2, 3, 10, 100, 400, 820, 900, 1000, 1100, 1220};
    for (size_t k = 0; k < count; k++) {
        parley_opponent_model_observe(m, seq[k], 0);
        for (size_t q = 0; q < sizeof at / sizeof at[0]; q++)
            if ((size_t)at[q] == k + 1)
                for (int j = 0; j < 40; j++)
                    printf("%zu %d %.10f\n", k + 1, j, parley_opponent_model_eval(m, seq[j * 30]));
    }
    parley_opponent_model_free(m);
    parley_scenario_free(sc);
    return 0;
}
