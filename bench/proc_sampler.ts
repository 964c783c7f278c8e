/**
 * Measures a process tree from outside on Linux, by sampling `/proc`: CPU time (utime + stime)
 * and resident memory of every descendant of a root process, grouped by process group. The
 * pipeline runner starts each notebook's executor (nbexec.py, which starts the Deno kernel) in
 * its own process group named after the notebook, so a group is one step and no hook in
 * lib/runner is needed. Sampling misses up to one interval of CPU of a process that exits
 * between samples and a memory peak shorter than an interval; VmHWM (the kernel's own peak
 * resident set) is read too, so a process's peak is exact while it is alive at a sample.
 * @module
 */

const CLOCK_TICKS = 100;
const PAGE_KB = 4;

/** What was measured of one process group (one notebook's executor and kernel). */
export interface GroupUsage {
  /** The notebook the group's executor runs (its stem, e.g. `01_acquisition`). */
  readonly name: string;
  /** Milliseconds (performance.now) the group was first and last seen. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** CPU seconds of all its processes, as last sampled. */
  readonly cpuSeconds: number;
  /** Largest VmHWM of one of its processes (the kernel's peak), in kB. */
  readonly peakProcessKb: number;
  /** Largest sum of VmRSS over its processes at one sample, in kB. */
  readonly peakGroupKb: number;
}

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  cpu: number;
  rssKb: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after the name, 0-based: 1 ppid, 2 pgrp, 11 utime, 12 stime, 21 rss (pages).
    return {
      pid,
      ppid: Number(f[1]),
      pgrp: Number(f[2]),
      cpu: (Number(f[11]) + Number(f[12])) / CLOCK_TICKS,
      rssKb: Number(f[21]) * PAGE_KB,
    };
  } catch {
    return undefined; // exited between the listing and the read
  }
}

function vmHwmKb(pid: number): number {
  try {
    const m = Deno.readTextFileSync(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The stem of the notebook a process executes (from its command line), if any. */
function notebookOf(pid: number): string | undefined {
  try {
    const args = Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
    const nb = args.find((a) => a.endsWith(".ipynb"));
    return nb ? nb.split("/").pop()!.replace(/\.ipynb$/, "") : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the descendants of a root process until stopped. */
export class ProcSampler {
  readonly #root: number;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #perPid = new Map<number, { group: number; cpu: number; hwm: number }>();
  readonly #groups = new Map<number, {
    name: string;
    firstSeen: number;
    lastSeen: number;
    peakGroupKb: number;
  }>();
  #peakTreeKb = 0;
  readonly #ended = new Set<number>();
  readonly #onGroupEnd?: (usage: GroupUsage) => void;

  /**
   * Starts sampling the tree under `root` every `intervalMs`; `onGroupEnd` is called once for a
   * group no longer seen (a finished step), so a long run reports as it goes.
   */
  constructor(root: number, intervalMs = 200, onGroupEnd?: (usage: GroupUsage) => void) {
    this.#root = root;
    this.#onGroupEnd = onGroupEnd;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Takes one sample (also called by the timer). */
  sample(): void {
    const all = new Map<number, ProcStat>();
    for (const entry of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      const s = readStat(Number(entry.name));
      if (s) all.set(s.pid, s);
    }
    const children = new Map<number, number[]>();
    for (const s of all.values()) {
      const list = children.get(s.ppid) ?? [];
      list.push(s.pid);
      children.set(s.ppid, list);
    }
    // Each direct child of the root that executes a notebook heads a group: it and all its
    // descendants (the kernel runs in a session of its own, so process groups do not tell).
    const tree: { s: ProcStat; group: number | undefined }[] = [];
    const stack: { pid: number; group: number | undefined }[] = [{ pid: this.#root, group: -1 }];
    while (stack.length > 0) {
      const { pid, group } = stack.pop()!;
      const s = all.get(pid);
      if (s) tree.push({ s, group: group === -1 ? undefined : group });
      for (const c of children.get(pid) ?? []) {
        stack.push({ pid: c, group: group === -1 ? (pid === this.#root ? c : undefined) : group });
      }
    }
    const now = performance.now();
    const groupRss = new Map<number, number>();
    let treeKb = 0;
    for (const { s, group } of tree) {
      treeKb += s.rssKb;
      if (group === undefined) continue;
      if (!this.#groups.has(group)) {
        const name = notebookOf(group);
        if (name === undefined) continue;
        this.#groups.set(group, { name, firstSeen: now, lastSeen: now, peakGroupKb: 0 });
      }
      const known = this.#perPid.get(s.pid);
      this.#perPid.set(s.pid, {
        group,
        cpu: s.cpu,
        hwm: Math.max(known?.hwm ?? 0, vmHwmKb(s.pid)),
      });
      groupRss.set(group, (groupRss.get(group) ?? 0) + s.rssKb);
    }
    for (const [pgrp, kb] of groupRss) {
      const g = this.#groups.get(pgrp)!;
      g.lastSeen = now;
      g.peakGroupKb = Math.max(g.peakGroupKb, kb);
    }
    this.#peakTreeKb = Math.max(this.#peakTreeKb, treeKb);
    for (const pgrp of this.#groups.keys()) {
      if (groupRss.has(pgrp) || this.#ended.has(pgrp)) continue;
      this.#ended.add(pgrp);
      this.#onGroupEnd?.(this.#usage(pgrp));
    }
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
  }

  /** Largest sum of VmRSS over the whole tree (runner included) at one sample, in kB. */
  get peakTreeKb(): number {
    return this.#peakTreeKb;
  }

  /** The process groups seen, in the order they appeared. */
  groups(): GroupUsage[] {
    return [...this.#groups.keys()].map((pgrp) => this.#usage(pgrp));
  }

  #usage(pgrp: number): GroupUsage {
    const g = this.#groups.get(pgrp)!;
    const procs = [...this.#perPid.values()].filter((p) => p.group === pgrp);
    return {
      ...g,
      cpuSeconds: procs.reduce((sum, p) => sum + p.cpu, 0),
      peakProcessKb: procs.reduce((m, p) => Math.max(m, p.hwm), 0),
    };
  }
}
