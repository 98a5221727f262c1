# slimage's own image: `docker build -t slimage .` (BuildKit, the default since Docker 23).
# The runtime stage is FROM scratch: the binary, the dynamic loader and exactly the libraries
# slimage loads, which `slimage rootfs-libs` computes with slimage's own ELF reader
# (docs/packaging.md). `--target debug` adds busybox.
ARG BASE=debian:bookworm
# The stage whose /out/slimage is packaged: `build` compiles it from this checkout; `prebuilt`
# takes ./slimage from the build context (CI packages the binary it has just built and tested).
ARG SLIMAGE_FROM=build

# libcurl and libarchive rebuilt from Debian's own sources with only what slimage uses
# (HTTP and HTTPS over mbedTLS; tar reading): Debian's builds load 45 MB more (OpenSSL,
# Kerberos, LDAP, GnuTLS, libxml2 and ICU's 31 MB of data). They keep their sonames.
FROM ${BASE} AS libs
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN echo 'deb-src http://deb.debian.org/debian bookworm main' >/etc/apt/sources.list.d/slimage-src.list \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential dpkg-dev cmake ca-certificates libmbedtls-dev libisal2 libsqlite3-0 busybox-static \
 && mkdir /tmp/src && cd /tmp/src \
 && apt-get source --only-source curl libarchive \
 && cd /tmp/src/curl-7.* \
 && ./configure --quiet --prefix=/opt/slimage-libs --disable-static --with-mbedtls \
      --with-ca-bundle=/etc/ssl/certs/ca-certificates.crt --without-ca-path --without-zlib \
      --without-brotli --without-zstd --without-nghttp2 --without-libidn2 --without-libpsl \
      --without-librtmp --without-libssh2 --disable-ldap --disable-ldaps --disable-rtsp \
      --disable-dict --disable-telnet --disable-tftp --disable-pop3 --disable-imap --disable-smtp \
      --disable-gopher --disable-mqtt --disable-smb --disable-ftp --disable-file --disable-manual \
 && make -s -j"$(nproc)" -C lib && make -s -C lib install \
 && cd /tmp/src/libarchive-3.* \
 && sed -i -E 's/^SET\(SOVERSION .*/SET(SOVERSION "13")/I' CMakeLists.txt \
 && cmake -S . -B /tmp/src/archive-build -DCMAKE_BUILD_TYPE=Release \
      -DENABLE_OPENSSL=OFF -DENABLE_MBEDTLS=OFF -DENABLE_NETTLE=OFF -DENABLE_LIBB2=OFF -DENABLE_LZ4=OFF \
      -DENABLE_LZO=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_ZLIB=OFF -DENABLE_BZip2=OFF \
      -DENABLE_LIBXML2=OFF -DENABLE_EXPAT=OFF -DENABLE_PCREPOSIX=OFF -DENABLE_LIBGCC=OFF -DENABLE_CNG=OFF \
      -DENABLE_TAR=OFF -DENABLE_CPIO=OFF -DENABLE_CAT=OFF -DENABLE_XATTR=OFF -DENABLE_ACL=OFF -DENABLE_TEST=OFF \
 && cmake --build /tmp/src/archive-build --target archive -j"$(nproc)" \
 && cp -a /tmp/src/archive-build/libarchive/libarchive.so.13* /opt/slimage-libs/lib/ \
 && strip --strip-unneeded /opt/slimage-libs/lib/libcurl.so.4.* /opt/slimage-libs/lib/libarchive.so.13 \
 && rm -rf /tmp/src /var/lib/apt/lists/*

# From source: a release build of the binary alone (no tests, no benchmarks).
FROM libs AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ninja-build pkg-config libarchive-dev libzstd-dev zlib1g-dev libisal-dev libcurl4-openssl-dev \
      libssl-dev libxxhash-dev nlohmann-json3-dev libcli11-dev libfmt-dev libyaml-cpp-dev libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /tmp/build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSLIMAGE_TESTS=OFF -DSLIMAGE_BENCH=OFF \
 && cmake --build /tmp/build --target slimage \
 && install -D -m 0755 /tmp/build/slimage /out/slimage \
 && rm -rf /tmp/build

FROM libs AS prebuilt
COPY slimage /out/slimage

# The root filesystem of the image, the same whichever stage made the binary.
FROM ${SLIMAGE_FROM} AS rootfs
RUN install -D -s -m 0755 /out/slimage /rootfs/usr/bin/slimage \
 && /out/slimage rootfs-libs --slimage-libraries --library-path /opt/slimage-libs/lib /out/slimage >/tmp/closure \
 && while IFS=$'\t' read -r source dest; do \
      install -D -m "$(stat -c %a "$source")" "$source" "/rootfs$dest"; \
    done </tmp/closure \
 && install -d /rootfs/etc \
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nslimage:x:65532:65532:slimage:/w:/sbin/nologin\n' >/rootfs/etc/passwd \
 && printf 'root:x:0:\nslimage:x:65532:\n' >/rootfs/etc/group \
 && install -d -m 1777 /rootfs/tmp \
 && install -d -o 65532 -g 65532 /rootfs/w \
 && install -D -m 0755 /bin/busybox /debug/usr/bin/busybox \
 && mkdir /debug/bin && /bin/busybox --install -s /debug/bin

# `--target debug`: the same files and busybox (`docker run --entrypoint sh -it slimage:debug`).
FROM scratch AS debug
COPY --from=rootfs /rootfs/ /
COPY --from=rootfs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=rootfs /debug/ /
USER 65532:65532
WORKDIR /w
ENTRYPOINT ["/usr/bin/slimage"]
CMD ["--help"]

FROM scratch AS runtime
COPY --from=rootfs /rootfs/ /
# Debian's CA bundle, for registries over TLS
COPY --from=rootfs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
USER 65532:65532
WORKDIR /w
ENTRYPOINT ["/usr/bin/slimage"]
CMD ["--help"]
