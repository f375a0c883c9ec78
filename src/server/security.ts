// Security middleware: response headers (a strict Content-Security-Policy among them), the
// API token, and a Host check that stops DNS-rebinding pages from reaching a loopback server.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

/**
 * Scripts only from our own origin, as files: no inline script, no eval. Plotly sets
 * element styles from script (allowed) and injects one stylesheet of its own, which is
 * why style-src also allows inline styles; see docs/dashboard.md.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  };
}

/** API calls must carry `Authorization: Bearer <token>` when the server has a token. */
export function requireToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token, 'utf8');
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '', 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'unauthorized', 'this server needs its token: send Authorization: Bearer <token> (open the URL the server printed)');
    }
    await next();
  };
}

/**
 * A server on loopback without a token trusts whoever can connect; a web page on another
 * site could still reach it through a DNS name that resolves to 127.0.0.1. Browsers send
 * that name as Host, so only loopback names are accepted.
 */
export function requireLoopbackHost(): MiddlewareHandler {
  return async (c, next) => {
    // On Node the request URL is built from the Host header.
    const host = new URL(c.req.url).hostname;
    if (host !== 'localhost' && host !== '[::1]' && !/^127(?:\.\d{1,3}){3}$/.test(host)) {
      throw new HttpError(403, 'forbidden_host', 'this server only answers requests addressed to localhost or 127.0.0.1');
    }
    await next();
  };
}
