/*
 * anac_caduceus_members.c: the minor members of Caduceus's committee, written
 * from their GENIUS 10.4 definitions (agents.anac.y2015.RandomDance,
 * agents.anac.y2015.fairy.kawaii, agents.anac.y2016.caduceus.agents.Caduceus),
 * and the committee's weighted draw.  They are consulted only after
 * t = 0.83 df, so each decides from what it has observed since the start.
 *
 * RandomDance: three frequency models of the opponent (each new distinct
 * package adds 1, 1.05^k or 0.95^k to its values' counts; a value scores
 * count / the issue's largest count, an issue weighs its largest count over
 * their sum) and its own utility as value scores (U(worst package with that
 * value) - U(worst)) / (1 - U(worst)).  Target 1 - (1 - max)(t^df) (t^3 when
 * df > 0.99), max the best of three joint packages' own utility (issue by
 * issue the value of highest opponent + own score, one model drawn each time);
 * it accepts an offer worth more than the target, or when t + 5 (t - its
 * previous t) > 1 (so always at its first call); it ends the talks when the
 * target is below its reservation; otherwise it offers the first joint
 * package worth more than the target as its own weight w/(1 - w) grows,
 * w = 0, 0.01, ... (its best package when none).
 * kawaii: threshold max(0.8, (1 - 0.2 t^2) df^t); accepts an offer worth at
 * least that; offers its best package with issues, in random order, moved to
 * the first value (in random order) whose loss keeps the total loss within
 * 1 - threshold.
 * Atlas3's decision as a member: the wrapped original is first asked at
 * 0.83 df, so its time per turn (t / its turns) starts large and it begins in
 * its final phase (the distinct offers received, best first, offered back
 * while worth more than the standing offer; then it accepts); otherwise it
 * accepts at its threshold (atlas3_threshold).  Its ordinary bid is parley's
 * atlas3's (anac_caduceus.c).
 * inner Caduceus: offers the package its concession vector points at, or,
 * when that is worth less than 0.75 discounted, a random package worth at
 * least 0.75; accepts when the last offer is worth 0.2 more than its bid
 * (discounted).  Simplified: its concession point (a Nash point of sanitised
 * spaces, in a normalised value space) is taken as the package ranked just
 * below its best.
 *
 * Their own draws (Math.random, Collections.shuffle, new Random()) are made
 * by generators the reference harness numbers as they come; they are not
 * replayed: the members draw from a java.util.Random of their own, seeded from
 * the session seed and party.
 */
#include "agents/anac_caduceus_members.h"

#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RD_MODELS 3
#define RD_TARGET_CHECKS 3
#define RD_ACCEPT_SAFETY 5
#define KAWAII_FLOOR 0.8
#define INNER_RESERVATION 0.75
#define INNER_ACCEPT_MARGIN 0.2
#define INNER_RANDOM_TRIES 100000
#define MEMBER_SEED_SALT 0x5CAD0CE5ULL

static const double member_weight[MEMBER_COUNT] = {500, 10, 5, 3, 1};
static const double rd_derta[RD_MODELS] = {1.0, 1.05, 0.95};

struct caduceus_members {
    size_t issues, values;
    const size_t *offset;  /* value_offset[issue]: first slot of the issue's values */
    size_t *offset_owned;  /* [issues + 1] */
    double *mine;          /* RandomDance's own score per value [values] */
    double *count[RD_MODELS], *max[RD_MODELS], *adder[RD_MODELS], *weight[RD_MODELS]; /* [values] / [issues] */
    uint32_t *seen;        /* distinct packages received [n_seen][issues] */
    size_t n_seen, cap_seen;
    double rd_previous_t;
    size_t *clist;         /* Atlas3's CList: indices into seen, by utility best first (ties: first received) */
    double *seen_u;        /* [cap_seen] own utility of each distinct package received */
    size_t clist_next;     /* its CList_index */
    long atlas3_turns;
    double best_received;
    size_t *order;         /* kawaii's issue order [issues], value orders at value_order + offset */
    uint32_t *value_order; /* [values] */
    uint32_t *best, *work; /* [issues] */
    java_random rng;
};

int caduceus_committee_pick(const int offering[MEMBER_COUNT], double pick)
{
    double sum = 0, share[MEMBER_COUNT], total = 0, acc = 0;
    for (int k = 0; k < MEMBER_COUNT; k++)
        sum += member_weight[k];
    for (int k = 0; k < MEMBER_COUNT; k++)
        if (offering[k])
            total += (share[k] = member_weight[k] / sum); /* Caduceus's scores, normalised twice as it does */
    int last = MEMBER_PARS;
    for (int k = 0; k < MEMBER_COUNT; k++)
        if (offering[k]) {
            acc += share[k] / total;
            last = k;
            if (pick < acc)
                return k;
        }
    return last; /* the original returns null here (rounding); its last offering member is the nearest */
}

double kawaii_threshold(double t, double df)
{
    double threshold = (1 - (1 - KAWAII_FLOOR) * t * t) * pow(df, t);
    return threshold < KAWAII_FLOOR ? KAWAII_FLOOR : threshold;
}

double random_dance_target(double t, double df, double max)
{
    return 1 - (1 - max) * pow(t, df > 0.99 ? 3 : df);
}

void caduceus_members_free(struct caduceus_members *m)
{
    if (!m)
        return;
    for (int k = 0; k < RD_MODELS; k++) {
        free(m->count[k]);
        free(m->max[k]);
        free(m->adder[k]);
        free(m->weight[k]);
    }
    free(m->offset_owned);
    free(m->mine);
    free(m->seen);
    free(m->seen_u);
    free(m->clist);
    free(m->order);
    free(m->value_order);
    free(m->best);
    free(m->work);
    free(m);
}

int caduceus_members_new(parley_agent_view *v, struct caduceus_members **out)
{
    const parley_space *space = parley_view_space(v);
    struct caduceus_members *m = calloc(1, sizeof *m);
    if (!m)
        return PARLEY_ENOMEM;
    size_t n = m->issues = parley_space_issue_count(space);
    if (!(m->offset_owned = calloc(n + 1, sizeof *m->offset_owned)))
        goto nomem;
    for (size_t i = 0; i < n; i++)
        m->offset_owned[i + 1] = m->offset_owned[i] + parley_issue_value_count(space, i);
    m->offset = m->offset_owned;
    m->values = m->offset[n];
    size_t nv = m->values ? m->values : 1, ni = n ? n : 1;
    if (!(m->mine = calloc(nv, sizeof *m->mine)) || !(m->order = calloc(ni, sizeof *m->order)) ||
        !(m->value_order = calloc(nv, sizeof *m->value_order)) || !(m->best = calloc(ni, sizeof *m->best)) ||
        !(m->work = calloc(ni, sizeof *m->work)))
        goto nomem;
    for (int k = 0; k < RD_MODELS; k++) {
        if (!(m->count[k] = calloc(nv, sizeof *m->count[k])) || !(m->max[k] = calloc(ni, sizeof *m->max[k])) ||
            !(m->adder[k] = calloc(ni, sizeof *m->adder[k])) || !(m->weight[k] = calloc(ni, sizeof *m->weight[k])))
            goto nomem;
        for (size_t i = 0; i < n; i++)
            m->max[k][i] = m->adder[k][i] = m->weight[k][i] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        m->order[i] = i;
        for (size_t j = m->offset[i]; j < m->offset[i + 1]; j++)
            m->value_order[j] = (uint32_t)(j - m->offset[i]);
    }
    /* RandomDance's own scores, from its worst package */
    double worst = parley_view_outcome_ranked(v, 0, m->work);
    for (size_t i = 0; i < n; i++) {
        memcpy(m->best, m->work, n * sizeof *m->best);
        for (size_t j = m->offset[i]; j < m->offset[i + 1]; j++) {
            m->best[i] = (uint32_t)(j - m->offset[i]);
            m->mine[j] = worst < 1 ? (parley_view_eval(v, m->best) - worst) / (1 - worst) : 0;
        }
    }
    parley_view_outcome_ranked(v, parley_view_outcome_count(v) - 1, m->best);
    java_random_init(&m->rng, (int64_t)(parley_view_seed(v) + parley_view_party(v) + MEMBER_SEED_SALT));
    *out = m;
    return PARLEY_OK;
nomem:
    caduceus_members_free(m);
    return PARLEY_ENOMEM;
}

int caduceus_members_observe(struct caduceus_members *m, parley_agent_view *v, const uint32_t *offer)
{
    size_t n = m->issues;
    for (size_t k = 0; k < m->n_seen; k++)
        if (!memcmp(m->seen + k * n, offer, n * sizeof *offer))
            return PARLEY_OK; /* PlayerData's history: a package counts once */
    if (m->n_seen == m->cap_seen) {
        size_t cap = m->cap_seen ? 2 * m->cap_seen : 16;
        void *arrays[3] = {m->seen, m->seen_u, m->clist};
        int failed = anac_grow3(cap, arrays, (const size_t[3]){(n ? n : 1) * sizeof *m->seen, sizeof *m->seen_u,
                                                               sizeof *m->clist});
        m->seen = arrays[0];
        m->seen_u = arrays[1];
        m->clist = arrays[2];
        if (failed)
            return PARLEY_ENOMEM;
        m->cap_seen = cap;
    }
    memcpy(m->seen + m->n_seen * n, offer, n * sizeof *offer);
    double u = m->seen_u[m->n_seen] = parley_view_eval(v, offer);
    size_t j = m->n_seen;
    while (j > 0 && m->seen_u[m->clist[j - 1]] < u) { /* a stable sort, best first */
        m->clist[j] = m->clist[j - 1];
        j--;
    }
    m->clist[j] = m->n_seen++;
    if (u > m->best_received)
        m->best_received = u;
    for (int k = 0; k < RD_MODELS; k++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            double *c = &m->count[k][m->offset[i] + offer[i]];
            *c += m->adder[k][i];
            if (*c > m->max[k][i])
                m->max[k][i] = *c;
            m->adder[k][i] *= rd_derta[k];
            sum += m->max[k][i];
        }
        for (size_t i = 0; i < n; i++)
            m->weight[k][i] = m->max[k][i] / sum;
    }
    return PARLEY_OK;
}

static int rd_random_model(struct caduceus_members *m)
{
    return (int)(java_random_next_double(&m->rng) * RD_MODELS);
}

/* SearchBidWithWeights: per issue the value with the highest opponent score + own weight x own score. */
static void rd_joint(const struct caduceus_members *m, int model, double own_weight, uint32_t *out)
{
    for (size_t i = 0; i < m->issues; i++) {
        double best = -1;
        out[i] = 0;
        for (size_t j = m->offset[i]; j < m->offset[i + 1]; j++) {
            double opp = m->count[model][j] / m->max[model][i] * m->weight[model][i];
            double x = opp + m->mine[j] * own_weight;
            if (x > best) {
                best = x;
                out[i] = (uint32_t)(j - m->offset[i]);
            }
        }
    }
}

int random_dance_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                     uint32_t *out)
{
    const parley_utility *u = parley_view_utility(v);
    double df = parley_utility_discount(u);
    df = df > 0 ? df : 1;
    int model = rd_random_model(m);
    /* getWeights: one draw, a second for its third case; with one opponent its weight normalises to 1 */
    if ((int)(java_random_next_double(&m->rng) * 3) == 2)
        java_random_next_double(&m->rng);
    double max = 0;
    for (int c = 0; c < RD_TARGET_CHECKS; c++) {
        rd_joint(m, rd_random_model(m), 1.0, m->work);
        double x = parley_view_eval(v, m->work);
        max = x > max ? x : max;
    }
    double target = random_dance_target(t, df, max);
    int found = 0;
    for (double w = 0; w < 9.999 && !found; w += 0.01) {
        rd_joint(m, model, w / (1.0 - w), out);
        found = parley_view_eval(v, out) > target;
    }
    if (!found)
        memcpy(out, m->best, m->issues * sizeof *out);
    double d = t - m->rd_previous_t;
    m->rd_previous_t = t;
    if (t + d * RD_ACCEPT_SAFETY > 1.0 || (latest && parley_view_eval(v, latest) > target))
        return 0;
    return target >= parley_view_reservation(v);
}

static void shuffle(java_random *r, uint32_t *a, size_t n)
{
    for (size_t i = n; i > 1; i--) { /* Collections.shuffle's walk */
        size_t j = (size_t)java_random_next_int(r, (int32_t)i);
        uint32_t x = a[i - 1];
        a[i - 1] = a[j];
        a[j] = x;
    }
}

int kawaii_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest, uint32_t *out)
{
    const parley_utility *u = parley_view_utility(v);
    double df = parley_utility_discount(u);
    df = df > 0 ? df : 1;
    double threshold = kawaii_threshold(t, df);
    if (latest && parley_view_eval(v, latest) >= threshold)
        return 0;
    if (parley_view_reservation(v) * pow(df, t) > threshold)
        return 0; /* EndNegotiation */
    size_t n = m->issues;
    double best = parley_view_eval(v, m->best), allowed = threshold - 1, conceded = 0;
    size_t *order = m->order;
    for (size_t k = n; k > 1; k--) { /* shuffle the issue order */
        size_t j = (size_t)java_random_next_int(&m->rng, (int32_t)k), x = order[k - 1];
        order[k - 1] = order[j];
        order[j] = x;
    }
    memcpy(out, m->best, n * sizeof *out);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        uint32_t *values = m->value_order + m->offset[i];
        size_t count = m->offset[i + 1] - m->offset[i];
        shuffle(&m->rng, values, count);
        memcpy(m->work, m->best, n * sizeof *m->work);
        for (size_t z = 0; z < count; z++) {
            m->work[i] = values[z];
            double loss = parley_view_eval(v, m->work) - best;
            if (allowed <= conceded + loss) {
                out[i] = values[z];
                conceded += loss;
                break;
            }
        }
    }
    if (parley_view_eval(v, out) < threshold)
        memcpy(out, m->best, n * sizeof *out);
    return 1;
}

int inner_caduceus_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                       uint32_t *out)
{
    const parley_utility *u = parley_view_utility(v);
    const parley_space *space = parley_view_space(v);
    size_t count = parley_view_outcome_count(v);
    double reservation = parley_view_reservation(v);
    double floor = reservation > INNER_RESERVATION ? reservation : INNER_RESERVATION;
    double bid_u = parley_view_outcome_ranked(v, count > 1 ? count - 2 : 0, out);
    if (parley_utility_discounted(u, bid_u, t) < floor) {
        /* getRandomBid: uniform values per issue until the package is worth at least the floor */
        int tries = 0;
        do {
            for (size_t i = 0; i < m->issues; i++)
                out[i] = (uint32_t)java_random_next_int(&m->rng, (int32_t)parley_issue_value_count(space, i));
            bid_u = parley_view_eval(v, out);
        } while (bid_u < floor && ++tries < INNER_RANDOM_TRIES);
        if (bid_u < floor)
            bid_u = parley_view_outcome_ranked(v, count - 1, out);
    }
    if (latest && parley_utility_discounted(u, parley_view_eval(v, latest), t) >
                      parley_utility_discounted(u, bid_u, t) + INNER_ACCEPT_MARGIN)
        return 0;
    return 1;
}

int atlas3_member_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                      uint32_t *out, int *normal)
{
    double df = parley_utility_discount(parley_view_utility(v)), rv = parley_view_reservation(v);
    df = df > 0 ? df : 1;
    double offered = latest ? parley_view_eval(v, latest) : 0;
    double timescale = t / (double)++m->atlas3_turns;
    *normal = 0;
    if (t > 1.0 - timescale * (double)(m->n_seen + 1)) { /* its final phase: the CList offered back */
        if (m->clist_next >= m->n_seen) {
            if (latest && offered >= rv)
                return 0;
        } else {
            size_t k = m->clist[m->clist_next];
            if (m->seen_u[k] > offered && m->seen_u[k] > rv) {
                m->clist_next++;
                memcpy(out, m->seen + k * m->issues, m->issues * sizeof *out);
                return 1;
            }
            if (latest && offered > rv)
                return 0;
        }
        *normal = 1;
        return 1;
    }
    double threshold = atlas3_threshold(t, df, rv, m->best_received);
    if (latest && offered >= threshold)
        return 0;
    if (rv * pow(df, t) >= threshold)
        return 0; /* EndNegotiation */
    *normal = 1;
    return 1;
}
