# syntax=docker/dockerfile:1
# Build:  docker build -t gsattn .
# Run:    docker run --rm -v "$PWD":/data gsattn gsattn simulate -n 2000 -L 200 --seed 42 -o x
#         docker run --rm gsattn gsattn --version
#
# There is no entry point: the command is the whole command line, `gsattn ...`
# or a shell (`bash -c '...'`), as Nextflow and Snakemake run it. Without a
# command the image prints `gsattn --help`.
#
# The steps are the README's: scripts/install-deps.sh (the one package list),
# then the same cmake configure, build and install that tests/cli/test_install.sh
# checks. The dependencies are installed before the sources are copied in, so
# editing a source file rebuilds only from `COPY . /src` on; only a change to
# scripts/install-deps.sh reinstalls them.
#
# The runtime image has the shared libraries gsattn links to, procps (`ps`,
# which Nextflow needs inside a task's container) and bash; gsattn is in
# /opt/gsattn (bin/gsattn, share/gsattn with the shipped motifs and models,
# the man pages) and on PATH. It runs as the unprivileged user gsattn
# (uid 1000) in /data, where to mount your data: the mounted directory must be
# writable by uid 1000, or run with `--user "$(id -u):$(id -g)"`.
# Podman build-and-run record on a Debian machine: docs/container.md.

# ---- build stage -----------------------------------------------------------
FROM debian:bookworm-slim AS build

WORKDIR /src

# Only the package list first: this layer is reused until install-deps.sh
# changes. Skip the tools only the test suite needs.
COPY scripts/install-deps.sh /src/scripts/install-deps.sh
RUN GSATTN_SKIP_TEST_DEPS=1 sh scripts/install-deps.sh \
 && rm -rf /var/lib/apt/lists/*

COPY . /src
RUN cmake -S /src -B /src/build -DCMAKE_BUILD_TYPE=Release -DGSATTN_BUILD_TESTS=OFF \
          -DGSATTN_UNITY_BUILD=ON \
 && cmake --build /src/build -j2 \
 && cmake --install /src/build --prefix /opt/gsattn

# ---- runtime stage ---------------------------------------------------------
FROM debian:bookworm-slim

# The shared libraries gsattn links to (install-deps.sh's runtime list), and
# procps for Nextflow. A user to run as, owning /data.
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN GSATTN_RUNTIME_ONLY=1 sh /tmp/install-deps.sh \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends procps \
 && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
 && useradd --create-home --uid 1000 --user-group --shell /bin/bash gsattn \
 && mkdir -p /data \
 && chown gsattn:gsattn /data

COPY --from=build /opt/gsattn /opt/gsattn

ENV PATH=/opt/gsattn/bin:$PATH
USER gsattn
WORKDIR /data

CMD ["gsattn", "--help"]
