# kongward: the admission/conversion webhook image.
#   docker build -t kongward:0.1.0 .
# Build stage: install every dependency, bundle src/ into dist/ (esbuild, scripts/build.ts: one
# chunk per subcommand, zod and the CEL library inlined so `validate` starts fast), then drop the
# dev dependencies, source maps, type declarations and docs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the only install script is the `node` dev dependency's, which downloads a
# second Node binary; the image already has Node 24. (esbuild's binary comes from its
# platform package, not from a script.)
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && find dist node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.md' \) -delete

# Runtime: distroless Node 24 (no shell, no package manager), user 65532 ("nonroot", the same
# UID the Deployment runs as). Pin the digest in your registry for reproducible builds.
FROM gcr.io/distroless/nodejs24-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 65532:65532
EXPOSE 8443 8080
# distroless has no `node` on PATH: the binary lives at /nodejs/bin/node.
ENTRYPOINT ["/nodejs/bin/node", "dist/cli/main.js"]
CMD ["serve", "--help"]
