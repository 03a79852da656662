package io.messaging.redis;

/** The names of every key the nodes share, under one prefix so that several deployments can share a Redis. */
record RedisKeys(String prefix) {

    String events() {
        return prefix + "events";
    }

    String lastSeq(String conversationId) {
        return prefix + "seq:" + conversationId;
    }

    String nodes() {
        return prefix + "presence:nodes";
    }

    String alive(String node) {
        return prefix + "presence:alive:" + node;
    }

    String nodeSessions(String node) {
        return prefix + "presence:node:" + node;
    }

    String userSessions(String userId) {
        return prefix + "presence:user:" + userId;
    }

    String recoveryLog() {
        return prefix + "recovery:log";
    }

    String recoveryTrimmed() {
        return prefix + "recovery:trimmed";
    }

    String recoverySession(String pid) {
        return prefix + "recovery:session:" + pid;
    }

    String recoverySessions() {
        return prefix + "recovery:sessions";
    }

    String attempts(String key) {
        return prefix + "attempts:" + key;
    }

    String bucket(String key) {
        return prefix + "buckets:" + key;
    }
}
