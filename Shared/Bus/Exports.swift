// The RPC core (methods, statuses, the router, the client protocol) is the bus's
// vocabulary too: `import Bus` brings it along.
@_exported import RPC
