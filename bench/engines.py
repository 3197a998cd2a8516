"""Overhead of the engine adapters against the command, on the same files.

    python bench/engines.py [--files 32] [--mb 8] [--runs 3] [--dir target/bench-engines]

Run with a Python that has the errcode-ls wheel (a release build for meaningful figures:
`maturin build --release`), dask[distributed], pyspark and ray installed, e.g. the virtualenv
`scripts/test-python-engines.sh` creates. It writes a folder of FILES logs of MB megabytes each
(half of them gzip), then times, best of RUNS, on that folder:

- `errcode-ls scan --json DIR` (the command; it uses every core),
- `errcode_ls.api` in this one process (scan each file, merge),
- `errcode_ls.dask.scan` on a LocalCluster of as many worker processes as cores,
- `errcode_ls.spark.scan` in `local[N]`,
- `errcode_ls.ray.scan` on a local Ray with N CPUs,

and prints each time as a ratio to the command's (1.00 = as fast, 2.00 = twice as long). The
engines are started once, before timing; their start-up is printed apart. Every result is
checked to equal the command's report. Nothing leaves 127.0.0.1.
"""

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.update(RAY_USAGE_STATS_ENABLED="0", SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable,
                  PYSPARK_DRIVER_PYTHON=sys.executable, NO_COLOR="1")

from errcode_ls.api import Catalog, expand, merge_all, scan_input  # noqa: E402

COMMAND = os.environ.get("ERRCODE_LS_PATH") or str(Path(sys.executable).with_name("errcode-ls"))

NOISE = [
    '{t} INFO GET /v1/ocr/general-text 200 {n} ms client=10.0.{a}.{b}',
    '{t} DEBUG {{"request_id": "{n:08x}", "latency_ms": {a}, "status": 200, "code": 200}}',
    "{t} INFO worker {a} picked job {n} from queue ingest",
    "{t} WARN slow upstream: {n} ms > 500 ms budget",
]
ERRORS = [
    '{t} ERROR {{"error_code": "AIS.0101", "error_msg": "The input parameter is invalid."}}',
    "{t} ERROR APIG.0308 throttled client 10.0.{a}.{b}",
    '{t} ERROR body={{"error": {{"code": "OBS.0403", "message": "denied"}}}}',
    "{t} ERROR upstream answered AIS.0199",
    "{t} ERROR Backend timeout.",
    "{t} ERROR ModelArts.4430 while uploading model {n}",
]


def generate(folder, files, megabytes, seed=7):
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        path = folder / (f"app-{n:03d}.log" + (".gz" if n % 2 else ""))
        if path.exists():
            continue
        lines, size, i = [], 0, 0
        while size < megabytes << 20:
            template = rng.choice(ERRORS) if rng.random() < 0.02 else rng.choice(NOISE)
            t = f"2026-03-01T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z"
            line = template.format(t=t, n=rng.randrange(1 << 32), a=rng.randrange(256), b=rng.randrange(256))
            lines.append(line)
            size += len(line) + 1
            i += 1
        data = ("\n".join(lines) + "\n").encode()
        path.write_bytes(gzip.compress(data, compresslevel=6, mtime=0) if n % 2 else data)


def best(runs, fn):
    """The best wall time of `runs` calls, the CPU time (this process and its finished children)
    of that call, and the result."""
    times, result = [], None
    for _ in range(runs):
        cpu = cpu_time()
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start, cpu_time() - cpu))
    wall, cpu = min(times)
    return wall, cpu, result


def cpu_time():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=32)
    parser.add_argument("--mb", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="target/bench-engines")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    folder = Path(args.dir) / f"logs-{args.files}x{args.mb}"
    generate(folder, args.files, args.mb)
    catalog = Catalog.load()
    root = str(folder)
    cores = args.cores

    def command():
        out = subprocess.run([COMMAND, "scan", "--json", root], capture_output=True, text=True, check=False,
                             cwd=str(folder.parent), env={**os.environ, "XDG_CONFIG_HOME": str(folder.parent)})
        return json.loads(out.stdout)

    cli_time, cli_cpu, reference = best(args.runs, command)
    size = sum(i["bytes"] for i in reference["inputs"])
    print(f"{args.files} files, {size / 2**20:.0f} MiB of text (half gzip), {cores} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'':<28} {'wall':>9}  ratio  (CPU time where it is all in this process tree)")
    print(f"{'errcode-ls scan --json':<28} {cli_time:7.2f} s  1.00  (CPU {cli_cpu:.2f} s, "
          f"{size / cli_time / 2**20:.0f} MiB/s)")
    rows = []

    def record(name, fn, started=None):
        seconds, cpu, tally = best(args.runs, fn)
        assert tally.to_dict() == reference, f"{name}: the result differs from the command's"
        note = f"  (start-up {started:.1f} s, not counted)" if started is not None else f"  (CPU {cpu:.2f} s)"
        print(f"{name:<28} {seconds:7.2f} s  {seconds / cli_time:4.2f}{note}", flush=True)
        rows.append((name, seconds))

    record("api, one process", lambda: merge_all(scan_input(item, catalog) for item in expand(root)))

    from dask.distributed import Client, LocalCluster

    from errcode_ls import dask as errcode_dask

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=cores, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    record(f"dask, {cores} workers", lambda: errcode_dask.scan(root, catalog=catalog), time.perf_counter() - start)
    client.close()
    cluster.close()

    from pyspark.sql import SparkSession

    from errcode_ls import spark as errcode_spark

    start = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    record(f"spark, local[{cores}]", lambda: errcode_spark.scan(spark, root, catalog=catalog),
           time.perf_counter() - start)
    spark.stop()

    import ray

    from errcode_ls import ray as errcode_ray

    start = time.perf_counter()
    ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    record(f"ray, {cores} CPUs", lambda: errcode_ray.scan(root, catalog=catalog), time.perf_counter() - start)
    ray.shutdown()


if __name__ == "__main__":
    main()
