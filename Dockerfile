# One image for both production processes of Đôn đốc (see docs/deployment.md):
#   default command  node --import tsx app/http.ts     the HTTP API
#   worker           node --import tsx app/worker.ts   the Temporal worker (same image, another command)
# Both need TEMPORAL_ADDRESS and DATABASE_URL; the embedded mode is `npm start`, outside containers.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so that a code change reuses this layer. Production dependencies only: tsx runs the
# TypeScript as it is, and the worker bundles workflows/ with the webpack and swc that @temporalio/worker brings.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .

# root owns the code; the processes run as the image's unprivileged `node` user (uid 1000) and write nothing under
# /app (tsx keeps its cache in /tmp).
USER node

# Inside a container the server must listen on every interface, or the published port reaches nothing.
ENV HTTP_HOST=0.0.0.0 HTTP_PORT=3000
EXPOSE 3000
CMD ["node", "--import", "tsx", "app/http.ts"]
