using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HsActors.LoadBench;

/// <summary>
/// Waits until a <see cref="Stopwatch"/> timestamp. Task.Delay and Thread.Sleep round to whole milliseconds and wake
/// late by about as much, which at 1,000 requests/s made the sender itself a millisecond late for half its requests.
/// On Linux the wait is an absolute clock_nanosleep on CLOCK_MONOTONIC (the clock Stopwatch reads), so a request
/// leaves within the kernel's timer slack of its due time and the sender does not spin on a core the silo needs.
/// </summary>
internal static partial class ScheduleClock
{
    private const int ClockMonotonic = 1;
    private const int AbsoluteTime = 1;

    private static readonly bool NanosleepUsable = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    public static void SleepUntil(long dueTimestamp)
    {
        if (NanosleepUsable)
        {
            var due = new TimeSpec { Seconds = dueTimestamp / 1_000_000_000, Nanoseconds = dueTimestamp % 1_000_000_000 };
            // EINTR (a signal) returns early: sleep again until the due time has passed.
            while (Stopwatch.GetTimestamp() < dueTimestamp && ClockNanosleep(ClockMonotonic, AbsoluteTime, in due, IntPtr.Zero) != 0)
            {
            }
            return;
        }
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueTimestamp);
        if (wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remaining);
}
