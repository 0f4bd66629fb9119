// Package procstat reads what the benchmarks print about a process and the
// machine from Linux's /proc: a process's peak resident memory and the load
// average (these machines are shared: other work slows the runs).
//
//	procstat.PeakMB(cmd.Process.Pid) // 165.7 while it runs, 0 once it has ended
//	procstat.PeakMB(0)               // this process's own peak
//	procstat.LoadAvg()               // "1.52 0.98 0.40", or "unknown"
package procstat
