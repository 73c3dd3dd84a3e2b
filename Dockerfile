# Eventide's container image: the CLI run by Node through tsx (as `eventide` runs everywhere; no
# build step), with production dependencies only. One image for every role; the Kubernetes
# manifests in config/kubernetes/deploy pick the role by its arguments (`worker`, `ingress`,
# `controller`). Build: docker build -t eventide:dev .
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    METADATA_SERVER_DETECTION=none
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY activities ./activities
COPY workflows ./workflows
COPY tsconfig.json ./
# A non-root user with no shell login; the Temporal worker writes its workflow bundle in memory.
USER node
ENTRYPOINT ["node", "/app/src/cli/bin.mjs"]
CMD ["worker"]
