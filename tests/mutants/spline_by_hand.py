#!/usr/bin/env python3
# spline_by_hand.py Y0 Y1 ...: by hand (exact fractions), the value tests/test_kill_agents.c checks for TheFawkes's
# spline with smoothing 1 (anac_fawkes_series.c): the natural cubic interpolating spline through (0,y0)..(n-1,y_{n-1}),
# then (0,0) (GENIUS TheFawkes's extra point); second derivatives M by the textbook tridiagonal system
# (M_0 = M_last = 0), solved by Gaussian elimination; the slope at the last knot (x = 0, reached from x = n-1) is
# what the spline continues with as a straight line above 0.  Usage: spline_by_hand.py 0.2 0.8 0.4 0.6 -> 13/320.
from fractions import Fraction as F
import sys
y = [F(v) for v in sys.argv[1:]] + [F(0)]
x = [F(i) for i in range(len(y) - 1)] + [F(0)]
L = len(y) - 1
h = [x[i + 1] - x[i] for i in range(L)]
# unknowns M_1..M_{L-1}
m = L - 1
A = [[F(0)] * m for _ in range(m)]
b = [F(0)] * m
for i in range(1, L):
    r = i - 1
    if i - 1 >= 1: A[r][r - 1] = h[i - 1]
    A[r][r] = 2 * (h[i - 1] + h[i])
    if i + 1 <= L - 1: A[r][r + 1] = h[i]
    b[r] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
# Gaussian elimination
for c in range(m):
    p = next(r for r in range(c, m) if A[r][c] != 0)
    A[c], A[p] = A[p], A[c]; b[c], b[p] = b[p], b[c]
    for r in range(m):
        if r != c and A[r][c] != 0:
            f = A[r][c] / A[c][c]
            A[r] = [A[r][k] - f * A[c][k] for k in range(m)]
            b[r] -= f * b[c]
M = [F(0)] + [b[r] / A[r][r] for r in range(m)] + [F(0)]
hl = h[L - 1]
slope = (y[L] - y[L - 1]) / hl + hl * (M[L - 1] + 2 * M[L]) / 6
print('M', [float(v) for v in M]); print('slope at 0', slope, float(slope))
# also value and slope at x=0 from the first interval [0,1]
s0 = (y[1] - y[0]) / h[0] - h[0] * (2 * M[0] + M[1]) / 6
print('first piece slope at 0', float(s0))
