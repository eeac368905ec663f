# syntax=docker/dockerfile:1
# Build:  docker build -t gsattn .
# Run:    docker run --rm -v "$PWD":/data gsattn simulate -n 2000 -L 200 --seed 42 -o x

# ---- build stage -----------------------------------------------------------
FROM debian:bookworm-slim AS build

COPY . /src
WORKDIR /src

# scripts/install-deps.sh is the one list of Debian packages; skip the tools
# that only the test suite needs.
RUN GSATTN_SKIP_TEST_DEPS=1 sh scripts/install-deps.sh \
 && rm -rf /var/lib/apt/lists/*

RUN cmake -S /src -B /src/build -DCMAKE_BUILD_TYPE=Release -DGSATTN_BUILD_TESTS=OFF \
 && cmake --build /src/build -j2 \
 && cmake --install /src/build --prefix /opt/gsattn

# ---- runtime stage ---------------------------------------------------------
FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libtorch1.13 libhts3 libfmt9 libtomlplusplus3 libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /opt/gsattn /opt/gsattn

ENV PATH=/opt/gsattn/bin:$PATH
WORKDIR /data

ENTRYPOINT ["gsattn"]
CMD ["--help"]
