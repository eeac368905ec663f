# syntax=docker/dockerfile:1
# Build:  docker build -t gsattn .
# Run:    docker run --rm -v "$PWD":/data gsattn simulate -n 2000 -L 200 --seed 42 -o x
#
# The steps are the README's: scripts/install-deps.sh (the one package list),
# then the same cmake configure, build and install that tests/cli/test_install.sh
# checks. The image's entry point is gsattn; its working directory, /data, is
# where to mount your data.

# ---- build stage -----------------------------------------------------------
FROM debian:bookworm-slim AS build

COPY . /src
WORKDIR /src

# Skip the tools only the test suite needs.
RUN GSATTN_SKIP_TEST_DEPS=1 sh scripts/install-deps.sh \
 && rm -rf /var/lib/apt/lists/*

RUN cmake -S /src -B /src/build -DCMAKE_BUILD_TYPE=Release -DGSATTN_BUILD_TESTS=OFF \
 && cmake --build /src/build -j2 \
 && cmake --install /src/build --prefix /opt/gsattn

# ---- runtime stage ---------------------------------------------------------
FROM debian:bookworm-slim

COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN GSATTN_RUNTIME_ONLY=1 sh /tmp/install-deps.sh \
 && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh

COPY --from=build /opt/gsattn /opt/gsattn

ENV PATH=/opt/gsattn/bin:$PATH
WORKDIR /data

ENTRYPOINT ["gsattn"]
CMD ["--help"]
