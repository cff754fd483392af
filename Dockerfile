# syntax=docker/dockerfile:1
# One image for both processes: `node dist/app/worker-main.js` (Temporal worker) and `node dist/app/server-main.js` (HTTP).

# Build stage: full dependency tree, compile TypeScript into dist/, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: compiled code and production dependencies only, run as the image's unprivileged `node` user.
# bookworm (glibc) matches the prebuilt @temporalio/core-bridge binaries.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/app/server-main.js"]
