package aftershock.chaos.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Which of the matching pods a {@link PodDelete} kills: the first by name, some chosen with a seed, one named pod,
 * or all.
 *
 * <pre>
 *   Victims.one();                 // the first pod by name
 *   Victims.atRandom(2, 42L);      // two pods, the same two for the same pods and seed
 *   Victims.named("api-7f9c-x2");  // that pod, if it still matches the selector
 *   Victims.all();
 * </pre>
 *
 * @param count   how many pods at most; {@link Integer#MAX_VALUE} for all
 * @param seed    present when pods are chosen at random, empty for "first by name"
 * @param podName present when exactly this pod is killed (count 1, no seed)
 */
public record Victims(int count, OptionalLong seed, Optional<String> podName) {

    public Victims {
        if (count < 1) {
            throw new IllegalArgumentException("kill at least one pod, got count " + count);
        }
        if (podName.isPresent() && (count != 1 || seed.isPresent())) {
            throw new IllegalArgumentException("a named victim is exactly one pod, not chosen at random: got count "
                    + count + (seed.isPresent() ? " and seed " + seed.getAsLong() : "") + " for pod " + podName.get());
        }
    }

    /** Victims chosen by position (first by name, or at random with a seed), not by pod name. */
    public Victims(int count, OptionalLong seed) {
        this(count, seed, Optional.empty());
    }

    /** The first matching pod by name. */
    public static Victims one() {
        return firstByName(1);
    }

    /** One matching pod chosen at random; the same seed picks the same pod from the same pods. */
    public static Victims oneAtRandom(long seed) {
        return atRandom(1, seed);
    }

    /** The first {@code count} matching pods by name. */
    public static Victims firstByName(int count) {
        return new Victims(count, OptionalLong.empty());
    }

    /** {@code count} matching pods chosen at random with this seed. */
    public static Victims atRandom(int count, long seed) {
        return new Victims(count, OptionalLong.of(seed));
    }

    /** Exactly the pod called {@code podName}, as long as it still matches the selector when the fault fires. */
    public static Victims named(String podName) {
        return new Victims(1, OptionalLong.empty(), Optional.of(podName));
    }

    /** Every matching pod. */
    public static Victims all() {
        return new Victims(Integer.MAX_VALUE, OptionalLong.empty());
    }

    /** The pods to kill out of these matching ones. */
    public List<Pod> pick(List<Pod> matching) {
        if (podName.isPresent()) {
            return matching.stream().filter(pod -> podName.get().equals(pod.getMetadata().getName())).toList();
        }
        List<Pod> candidates = new ArrayList<>(matching);
        candidates.sort(Comparator.comparing(pod -> pod.getMetadata().getName()));
        seed.ifPresent(s -> Collections.shuffle(candidates, new Random(s)));
        return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
    }

    /** "1 pod (first by name)", "2 pods (random, seed 42)", "pod api-7f9c-x2", "all pods". */
    public String describe() {
        if (podName.isPresent()) {
            return "pod " + podName.get();
        }
        if (count == Integer.MAX_VALUE) {
            return "all pods";
        }
        String pods = count == 1 ? "1 pod" : count + " pods";
        return pods + (seed.isPresent() ? " (random, seed " + seed.getAsLong() + ")" : " (first by name)");
    }
}
