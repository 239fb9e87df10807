# One image for every role; docker-compose.yml picks the role with `command`.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so editing the source does not reinstall them. Dev dependencies are
# kept on purpose: the roles run TypeScript through tsx (see package.json scripts).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .

USER node
EXPOSE 8080 8081 8082
CMD ["npm", "run", "start:gateway"]
