# `stockrisk serve` in a container: docker build -t stockrisk . &&
#   docker run -p 8080:8080 -e STOCKRISK_TOKEN=<long random string> stockrisk
# Binding 0.0.0.0 makes the API require the token (a generated one is printed if none is set).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY lambda ./lambda
COPY ec2-worker ./ec2-worker
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    STOCKRISK_HOME=/var/lib/stockrisk
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY data ./data
# The dashboard's pages are served from the source folder.
COPY src/server/public ./src/server/public
RUN mkdir -p /var/lib/stockrisk && chown node:node /var/lib/stockrisk
USER node
VOLUME ["/var/lib/stockrisk"]
EXPOSE 8080
CMD ["sh", "-c", "exec node bin/stockrisk.js serve --host 0.0.0.0 --port \"$PORT\""]
