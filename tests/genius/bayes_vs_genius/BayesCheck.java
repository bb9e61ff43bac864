// BayesCheck: feeds a bid sequence (TSV of value labels in the domain's issue order) to GENIUS 10.4's
// BayesianOpponentModelScalable and prints the normalised evaluation of every 30th bid of the sequence (40 of them)
// after chosen numbers of updates, as "updates index value".  Used by run.sh next to bayes_check.c.
import genius.core.*;
import genius.core.issue.*;
import genius.core.utility.*;
import agents.bayesianopponentmodel.BayesianOpponentModelScalable;
import java.nio.file.*;
import java.util.*;

public class BayesCheck {
    public static void main(String[] a) throws Exception {
        Domain d = new DomainImpl(a[0]);
        AdditiveUtilitySpace us = new AdditiveUtilitySpace(d, a[1]);
        BayesianOpponentModelScalable m = new BayesianOpponentModelScalable(us);
        List<Issue> issues = d.getIssues();
        List<Bid> seq = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(a[2]))) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            HashMap<Integer, Value> v = new HashMap<>();
            for (int i = 0; i < issues.size(); i++) v.put(issues.get(i).getNumber(), new ValueDiscrete(f[i]));
            seq.add(new Bid(d, v));
        }
        Set<Integer> at = new HashSet<>(Arrays.asList(1, 2, 3, 10, 100, 400, 820, 900, 1000, 1100, 1220));
        for (int k = 0; k < seq.size(); k++) {
            m.updateBeliefs(seq.get(k));
            if (at.contains(k + 1))
                for (int j = 0; j < 40; j++)
                    System.out.printf(Locale.ROOT, "%d %d %.10f%n", k + 1, j, m.getNormalizedUtility(seq.get(j * 30)));
        }
    }
}
