/**
 * Test-only fakes shared by every module's tests, never a dependency of main code:
 * {@link io.ado.testkit.ManualClock}, a clock that moves only when told to, and the
 * {@link java.util.concurrent.ScheduledExecutorService} it drives, so timers in the code under
 * test fire when the test advances time and never by themselves; {@link io.ado.testkit.PodmanFixture},
 * a real container engine (Podman) on a socket of the test's own.
 */
package io.ado.testkit;
