declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** The client address (X-Forwarded-For is trusted: the app runs behind a load balancer). */
    clientIp: string;
  }
}

export {};
