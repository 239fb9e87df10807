# Two stages. `build` has every dependency and compiles the TypeScript to dist/ (`npm run
# build`); the image itself has only the production dependencies and dist/, runs it with plain
# node (no tsx) as the unprivileged `node` user, and starts in production mode, which refuses
# the shipped development secrets (exit 78; see SECURITY.md). One image for every role:
# docker-compose.yml picks the role with `command`; the default runs them all in one process.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
# Dependencies first, so editing the source does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# dist/ carries the config files and dashboard pages beside the compiled code (scripts/build.mjs).
# Root owns the files; the node user only reads them.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 8080 8081 8082
# node itself, not npm: signals reach the process that drains and closes (npm would swallow them).
CMD ["node", "dist/src/main/all-roles.js"]
