package aftershock.probes;

import java.time.Instant;

/**
 * One recorded run of the job only the leader may run: who ran it, in which term of the lease, and when.
 *
 * @param holder the holder identity that ran it, as the lease names it ("replica-0@4242", a pod name)
 * @param term   the lease's term (fencing token) it ran in; 0 when the system records none
 * @param at     when it ran
 */
public record JobRun(String holder, long term, Instant at) {
}
