/*
 * test_kill16_agt2_clock.c: the agents of src/agents (helper agt2's area) under a deadline in seconds, made exact:
 * the program is linked with -Wl,--wrap=clock_gettime (tests/CMakeLists.txt) and, while a talk runs, every call of
 * libparley's clock is one millisecond after the one before, so relative times, rounds and every move are the same
 * on any machine.  Paths no round deadline reaches: TheFawkes's forecast indexes offers by time x 1000 (GENIUS's
 * continuous timeline) rather than by round; talks long enough (1 to 8 s of this clock, up to 2000 rounds) that
 * its forecast sees the opponent's offers densely.  Each agent's talks are those of random_talks_k16.h (a script
 * opponent on small random scenarios), every event pinned by a digest recorded from this build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "random_talks_k16.h"

static int fake;
static long long fake_ns;

int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (!fake)
        return __real_clock_gettime(clock, ts);
    fake_ns += 1000000;
    ts->tv_sec = (time_t)(fake_ns / 1000000000);
    ts->tv_nsec = (long)(fake_ns % 1000000000);
    return 0;
}

/* Digests recorded from this build (PARLEY_K16_RECORD=1 prints them again). */
static const uint64_t fawkes_long_timed[6] = {
    0xf4b40cfcc20104b0ULL, 0xf55bc36b01fc0648ULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0xcf1c2c13a4878625ULL, 0xd6f85d0965f9e054ULL,
};

static const uint64_t fawkes_timed[30] = {
    0x753710c5507765cfULL, 0xa282e3559460c87eULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0xa0ea707db9ebe640ULL, 0xe6b50313ff590580ULL, 0xdd6ef42f78aeb3abULL, 0x93e2a450ad907f22ULL,
    0xbaa50a677f7a0b1cULL, 0x519edde6fc0dff5fULL, 0xae9602ab665082e2ULL, 0x118220c90826ca14ULL,
    0x5dd4398bbaf6e2c5ULL, 0x1fdf5f815cd5c63bULL, 0x75c6c938381bc119ULL, 0x0881f2f412b850b9ULL,
    0xfa9479feb8d3e381ULL, 0xc64de47a761f754fULL, 0xdb672cb3fb14f67eULL, 0xa03a37143efa950eULL,
    0xb1816c67762083a4ULL, 0x8f3cca337ccb8906ULL, 0x8f146d2e878b06b4ULL, 0xddd66eef096aa209ULL,
    0xc64de47a761f754fULL, 0x982a91b4301fe197ULL, 0xc64de47a761f754fULL, 0x49d564f449e741b5ULL,
    0xda3b31f3146c001aULL, 0xf244eabcc5a898baULL,
};

static const uint64_t agent_k_timed[30] = {
    0x0442a7e1bbecc4b9ULL, 0x296d036b548d8566ULL, 0xf9351555695264d4ULL, 0x103473fd15ae5bc0ULL,
    0x919764e997591993ULL, 0x672f9d1b27224009ULL, 0x1a88fe8f0f20cbceULL, 0x4fc23d1eb7680570ULL,
    0x3e945389254f3a4dULL, 0x1ff5edf7dd4cedf1ULL, 0xc515967983d9950fULL, 0x37457d0b75d71525ULL,
    0x7ce2a01d2bd0e939ULL, 0x8c04fa5774eb9b8aULL, 0x8fa526ff64298ce4ULL, 0x1d2c9ff0d6aa5004ULL,
    0x5f63a846ff546bcdULL, 0xee16916776d722c3ULL, 0xdb672cb3fb14f67eULL, 0xc0a4f68e6c080669ULL,
    0x789fb7d21867047cULL, 0x1c89e257fbc53449ULL, 0xda979def58064eb7ULL, 0x6674602827cfa5e5ULL,
    0x49463185872eea1fULL, 0x982a91b4301fe197ULL, 0x12fad51eb1566aa3ULL, 0xf12d749d0e098674ULL,
    0x79f684136eb2056dULL, 0xe1fc3c47b1cece9bULL,
};

static const uint64_t agent_m_timed[15] = {
    0xdd976a772b986617ULL, 0xb457f08bb7695a77ULL, 0xbdb55e1b05a6b2c1ULL, 0x017838da96e0ded8ULL,
    0xbc8c21ce530be2e3ULL, 0xd4998e460a3c41f6ULL, 0x8594496d09d263aaULL, 0x0dc689d70b3789d9ULL,
    0x4ca476bfc0005918ULL, 0x472c1abede5a78bfULL, 0xc515967983d9950fULL, 0x37457d0b75d71525ULL,
    0xfbdfcef38cfaaf9eULL, 0x8c04fa5774eb9b8aULL, 0x69ab362a5e55740dULL,
};

static const uint64_t ponpoko_timed[10] = {
    0x35f5fd398f61569bULL, 0x23b7a4f6e191a85fULL, 0xa5a522c7b827a9f4ULL, 0x34a7b146da01e4c2ULL,
    0x02978988e089ee30ULL, 0xf751581a5c6735fdULL, 0x198349bcfbbfa42bULL, 0x4b13ae711cfa330eULL,
    0x90cb425f309ce1ecULL, 0xec39905cd0df02a8ULL,
};

static const uint64_t agreeable_timed[30] = {
    0x99b697b15b04f222ULL, 0x7f0f13787dfe645bULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0x55b24e6edb5a2193ULL, 0x8bc8fdfe5d105ca8ULL, 0x49bb3b354aae11c9ULL, 0x34f5bd78c2063817ULL,
    0x25012fc66f98fc19ULL, 0xb57a65a354eb6a67ULL, 0xc515967983d9950fULL, 0xfd89ed8f2f2efa45ULL,
    0xfbdfcef38cfaaf9eULL, 0x8c04fa5774eb9b8aULL, 0x75d687dfd7621bcfULL, 0x0d2e7d9510661126ULL,
    0xfa9479feb8d3e381ULL, 0xc64de47a761f754fULL, 0x6ef4028108902539ULL, 0x6f65536bde9502dfULL,
    0x789fb7d21867047cULL, 0xa3aef3737b37402fULL, 0x8cfa1c86442ae1a3ULL, 0x4b481de00a30431bULL,
    0xc64de47a761f754fULL, 0x982a91b4301fe197ULL, 0xc64de47a761f754fULL, 0x90736502b24a1854ULL,
    0xda3b31f3146c001aULL, 0x1e27e436e6f44548ULL,
};

static const uint64_t micro_timed[30] = {
    0x41db775c010ca9d4ULL, 0xff3629aa7f7ed2a4ULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0x8b142caa64e7ff38ULL, 0x4a6c1796abc07b5aULL, 0xf44dc1b00ab1870eULL, 0x931e7cf86858544bULL,
    0xc9e4d539da66ff7aULL, 0xde8228ba5efa5a88ULL, 0x5717505109b972f8ULL, 0x4e6e16361704d1e8ULL,
    0x4f655fdeef6fcb2bULL, 0x7c33d0db6483fdbbULL, 0x9dae8abf9fad076aULL, 0x87998d867c627a97ULL,
    0x3a0a836d9d907662ULL, 0xc64de47a761f754fULL, 0x9b3db3765e8a1fe9ULL, 0x6f65536bde9502dfULL,
    0xfc8f1bbc2190fe84ULL, 0x370e185cb8e3ed50ULL, 0x3796205d36836adfULL, 0xa7998fbf1ce0a9d8ULL,
    0xc64de47a761f754fULL, 0x85eb09e1aeabdd60ULL, 0xc64de47a761f754fULL, 0x176cbd6ccb28d3f1ULL,
    0xda3b31f3146c001aULL, 0x3d01ab8da44fbea6ULL,
};

static const uint64_t boa_timed[30] = {
    0x669a0a1e988cc43aULL, 0xae20f99f803e93aeULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0x2413774ee0d22f50ULL, 0xbd8a98c77e953570ULL, 0x99fbaa8491b18ecfULL, 0x92618601359f7604ULL,
    0x25012fc66f98fc19ULL, 0x6fbea006071f86d2ULL, 0xc515967983d9950fULL, 0x37457d0b75d71525ULL,
    0xfbdfcef38cfaaf9eULL, 0x9c9084500b3b5ee3ULL, 0x3432dca86f7da052ULL, 0x3367ef8df1429088ULL,
    0x5e82cfaf4dae0352ULL, 0xc64de47a761f754fULL, 0x6ef4028108902539ULL, 0x6f65536bde9502dfULL,
    0xa19af2836d568f5bULL, 0x78960e499f035525ULL, 0x72511c7182f94415ULL, 0x01190ff1b2f6c9c4ULL,
    0xc64de47a761f754fULL, 0xf44c410f846a6b58ULL, 0xc64de47a761f754fULL, 0x42121e01603d7dedULL,
    0xda3b31f3146c001aULL, 0x1e27e436e6f44548ULL,
};

static const uint64_t boa_tft_timed[30] = {
    0x1afb15c4380a40eaULL, 0xe89adb2557c47f5aULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0x97904b3c25e890dfULL, 0xed2ec99f8cd4cf1dULL, 0xeec7873b1a400f87ULL, 0x2fe1d69b0336f7caULL,
    0xa95c86724363f1bbULL, 0xbcec3b6797f70377ULL, 0xc515967983d9950fULL, 0x7bef3fe57e9144faULL,
    0xfbdfcef38cfaaf9eULL, 0x8c04fa5774eb9b8aULL, 0xdfce5b40c0713c14ULL, 0x72148bece7d7c3e1ULL,
    0x3a0a836d9d907662ULL, 0xc64de47a761f754fULL, 0x6ef4028108902539ULL, 0x6f65536bde9502dfULL,
    0xa3073ab93849af03ULL, 0x2d99c7b1155899b4ULL, 0xb0160f3b3eae1ff4ULL, 0x6034f0386752d114ULL,
    0xc64de47a761f754fULL, 0x982a91b4301fe197ULL, 0xc64de47a761f754fULL, 0x3e624d931645f0a1ULL,
    0xda3b31f3146c001aULL, 0x1e27e436e6f44548ULL,
};

static const uint64_t boa_prev_timed[30] = {
    0x3d9bdc627327796cULL, 0xf95dd33fe01bae2fULL, 0x926effa2d4d09b71ULL, 0xc64de47a761f754fULL,
    0x72816122a54071b0ULL, 0xce54bf9f2ee895c1ULL, 0x99fbaa8491b18ecfULL, 0x92618601359f7604ULL,
    0x25012fc66f98fc19ULL, 0x8d080547963a67eeULL, 0xc515967983d9950fULL, 0x37457d0b75d71525ULL,
    0xfbdfcef38cfaaf9eULL, 0x9c9084500b3b5ee3ULL, 0xc3cda56918535d4fULL, 0x01f0ae59227fef2aULL,
    0x5e82cfaf4dae0352ULL, 0xc64de47a761f754fULL, 0x6ef4028108902539ULL, 0x6f65536bde9502dfULL,
    0xb4acf5c962dd15a9ULL, 0x12b6dc70ad77336bULL, 0x110c9f3c85e665adULL, 0x01190ff1b2f6c9c4ULL,
    0xc64de47a761f754fULL, 0xf44c410f846a6b58ULL, 0xc64de47a761f754fULL, 0x42121e01603d7dedULL,
    0x2b8e7bcbf62cd6a4ULL, 0x1e27e436e6f44548ULL,
};

/* The mediated protocols under a deadline in seconds. */
static const uint64_t fawkes_timed_single[15] = {
    0xa8a4e95502c13838ULL, 0x46cf588c0d99a959ULL, 0xa71baae105023fddULL, 0x93c1dc82e429e2c9ULL,
    0x54da510f72c32a1bULL, 0xb8b4e0440e6fa231ULL, 0x22924e2d4da4f449ULL, 0x32c27ef647bdd205ULL,
    0x5ca8056850e0f29cULL, 0x7293e11a524f87cbULL, 0x4fb212f280d6a629ULL, 0x8135d3fe4f56049fULL,
    0x94988b322e8fd8c3ULL, 0x73c6990b91c1fff9ULL, 0x4821d3ef055da5b0ULL,
};

static const uint64_t fawkes_timed_shuttle[15] = {
    0x86f3e99eafb0495aULL, 0x55de79b8a4e5a3f9ULL, 0x3e6ab8538f4046c5ULL, 0xc4d74b138074d7f5ULL,
    0x127334ceb1d3e2b7ULL, 0x18dec2e4dbb8e09eULL, 0x33bccac5168c6e37ULL, 0xde99790efe8b619eULL,
    0x0bc0a1e52a2c4368ULL, 0xf5f75687c68300b0ULL, 0xe2f2b4c08bbed33dULL, 0x83ea69af294da6e9ULL,
    0x6ce32e35b3c85b6cULL, 0x65361958e8920550ULL, 0xbc8d1361ba4a2f58ULL,
};

static const uint64_t agent_k_timed_single[15] = {
    0xa8a4e95502c13838ULL, 0x46cf588c0d99a959ULL, 0xa71baae105023fddULL, 0x93c1dc82e429e2c9ULL,
    0x54da510f72c32a1bULL, 0xb8b4e0440e6fa231ULL, 0x22924e2d4da4f449ULL, 0x32c27ef647bdd205ULL,
    0x5ca8056850e0f29cULL, 0x7293e11a524f87cbULL, 0x4fb212f280d6a629ULL, 0x8135d3fe4f56049fULL,
    0x94988b322e8fd8c3ULL, 0x73c6990b91c1fff9ULL, 0x4821d3ef055da5b0ULL,
};

static const uint64_t agent_k_timed_shuttle[15] = {
    0x86f3e99eafb0495aULL, 0x55de79b8a4e5a3f9ULL, 0x3e6ab8538f4046c5ULL, 0xc4d74b138074d7f5ULL,
    0x1709bda43e4900d0ULL, 0x18dec2e4dbb8e09eULL, 0xdceca849e45dcff7ULL, 0x0dcb8042ea3667d6ULL,
    0x0bc0a1e52a2c4368ULL, 0xf5f75687c68300b0ULL, 0xe2f2b4c08bbed33dULL, 0x83ea69af294da6e9ULL,
    0x6ce32e35b3c85b6cULL, 0x65361958e8920550ULL, 0xf9732f8e339565c0ULL,
};

static const uint64_t micro_timed_single[15] = {
    0xa8a4e95502c13838ULL, 0x46cf588c0d99a959ULL, 0xa71baae105023fddULL, 0x93c1dc82e429e2c9ULL,
    0x54da510f72c32a1bULL, 0xb8b4e0440e6fa231ULL, 0x22924e2d4da4f449ULL, 0x32c27ef647bdd205ULL,
    0x5ca8056850e0f29cULL, 0x7293e11a524f87cbULL, 0x4fb212f280d6a629ULL, 0x8135d3fe4f56049fULL,
    0x94988b322e8fd8c3ULL, 0x73c6990b91c1fff9ULL, 0x4821d3ef055da5b0ULL,
};

static const uint64_t micro_timed_shuttle[15] = {
    0x86f3e99eafb0495aULL, 0x55de79b8a4e5a3f9ULL, 0x3e6ab8538f4046c5ULL, 0xc4d74b138074d7f5ULL,
    0x1709bda43e4900d0ULL, 0x18dec2e4dbb8e09eULL, 0xdceca849e45dcff7ULL, 0x0dcb8042ea3667d6ULL,
    0x0bc0a1e52a2c4368ULL, 0xf5f75687c68300b0ULL, 0xe2f2b4c08bbed33dULL, 0x83ea69af294da6e9ULL,
    0x6ce32e35b3c85b6cULL, 0x65361958e8920550ULL, 0xf9732f8e339565c0ULL,
};

static const uint64_t boa_timed_single[15] = {
    0xa8a4e95502c13838ULL, 0x46cf588c0d99a959ULL, 0xa71baae105023fddULL, 0x93c1dc82e429e2c9ULL,
    0x54da510f72c32a1bULL, 0xb8b4e0440e6fa231ULL, 0x22924e2d4da4f449ULL, 0x32c27ef647bdd205ULL,
    0x5ca8056850e0f29cULL, 0x7293e11a524f87cbULL, 0x4fb212f280d6a629ULL, 0x8135d3fe4f56049fULL,
    0x94988b322e8fd8c3ULL, 0x73c6990b91c1fff9ULL, 0x4821d3ef055da5b0ULL,
};

static const uint64_t boa_timed_shuttle[15] = {
    0x39281064253dcc6aULL, 0x51a0ee379723b99bULL, 0x3c40d52f94fe47a9ULL, 0xb1dc80b2f809f886ULL,
    0x80722acd54f8534dULL, 0xad025c1af3269c7aULL, 0x0a2a51e1a5d841cfULL, 0x7ce77964e42d52ceULL,
    0x4e31930e27e9b882ULL, 0x98f895b0cc464b6bULL, 0xd54c58d4ec37de55ULL, 0xfaa5db9bdc33c01eULL,
    0x50c720ea53977d38ULL, 0x9e7223630a047b08ULL, 0xeba47a2013c003f1ULL,
};

static const uint64_t agreeable_timed_single[15] = {
    0xa8a4e95502c13838ULL, 0x46cf588c0d99a959ULL, 0xa71baae105023fddULL, 0x93c1dc82e429e2c9ULL,
    0x54da510f72c32a1bULL, 0xb8b4e0440e6fa231ULL, 0x22924e2d4da4f449ULL, 0x32c27ef647bdd205ULL,
    0x5ca8056850e0f29cULL, 0x7293e11a524f87cbULL, 0x4fb212f280d6a629ULL, 0x8135d3fe4f56049fULL,
    0x94988b322e8fd8c3ULL, 0x73c6990b91c1fff9ULL, 0x4821d3ef055da5b0ULL,
};

static const uint64_t agreeable_timed_shuttle[15] = {
    0x86f3e99eafb0495aULL, 0xbca8360d4da0e182ULL, 0x3e6ab8538f4046c5ULL, 0xc4d74b138074d7f5ULL,
    0xec42498cb553e528ULL, 0x2d800d2bf23689d4ULL, 0xbe94ef14bf01b457ULL, 0x0dcb8042ea3667d6ULL,
    0xe2f95d33f89fbc63ULL, 0xf5f75687c68300b0ULL, 0xe2f2b4c08bbed33dULL, 0xe8e040cfc7e4a37cULL,
    0x6ce32e35b3c85b6cULL, 0x65361958e8920550ULL, 0xf962e5bd66a0f5d2ULL,
};


/* random_talks_k16.h's talk_clock: each talk starts the fake clock afresh, at 0. */
static void fake_clock(int running)
{
    fake = running;
    fake_ns = 0;
}

/* A clock that moves one millisecond a call makes the same talk twice. */
static void the_clock_is_exact(void **state)
{
    (void)state;
    struct talk_setup t;
    uint64_t a = talk_digest("the-fawkes", PARLEY_PROTOCOL_ALTERNATING, 20, 1, &t);
    uint64_t b = talk_digest("the-fawkes", PARLEY_PROTOCOL_ALTERNATING, 20, 1, &t);
    assert_true(a == b);
    assert_true(t.seconds > 0);
}

/* Deadlines of 1 to 8 s of the fake clock: TheFawkes's forecast on up to 2000 rounds. */
static void fawkes_long_timed_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {{"the-fawkes", 6, fawkes_long_timed, NULL, NULL}};
    play_talk_runs(runs, 1, 0, 2, 20);
}

/* Deadlines of 0.05 to 0.4 s: every agent of the area. */
static void agents_timed_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {
        {"the-fawkes", 30, fawkes_timed, NULL, NULL},
        {"agent-k", 30, agent_k_timed, NULL, NULL},
        {"agent-m", 15, agent_m_timed, NULL, NULL},
        {"ponpoko", 10, ponpoko_timed, NULL, NULL},
        {"agreeable-2018", 30, agreeable_timed, NULL, NULL},
        {"micro", 30, micro_timed, NULL, NULL},
        {"boa", 30, boa_timed, NULL, NULL},
        {"boa:bidding=tft:model=bayes:accept=combi", 30, boa_tft_timed, NULL, NULL},
        {"boa:model=smith:accept=prev", 30, boa_prev_timed, NULL, NULL},
    };
    play_talk_runs(runs, sizeof runs / sizeof *runs, 0, 2, 1);
}

/* Single text and shuttle under deadlines of 0.05 to 0.4 s. */
static void agents_timed_mediated_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {
        {"the-fawkes", 15, NULL, fawkes_timed_single, fawkes_timed_shuttle},
        {"agent-k", 15, NULL, agent_k_timed_single, agent_k_timed_shuttle},
        {"micro", 15, NULL, micro_timed_single, micro_timed_shuttle},
        {"boa", 15, NULL, boa_timed_single, boa_timed_shuttle},
        {"agreeable-2018", 15, NULL, agreeable_timed_single, agreeable_timed_shuttle},
    };
    play_talk_runs(runs, sizeof runs / sizeof *runs, 0, 2, 1);
}

int main(void)
{
    talk_clock = fake_clock;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_clock_is_exact),
        cmocka_unit_test(fawkes_long_timed_talks),
        cmocka_unit_test(agents_timed_talks),
        cmocka_unit_test(agents_timed_mediated_talks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
