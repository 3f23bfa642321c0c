/** Bus topic: close this project's pools on every instance (message: the project key). */
export const POOL_EVICT_TOPIC = 'tenant-pool-evict';
