DROP INDEX messages_by_time;
