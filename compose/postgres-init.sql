-- Run once by the postgres image, on the first start of an empty volume
-- (/docker-entrypoint-initdb.d, compose/docker-compose.postgres.yml): a database
-- for each service of StackDefinition.postgresServices besides POSTGRES_DB's
-- (tickets). scripts/check-compose checks the two lists together.
CREATE DATABASE staff;
CREATE DATABASE channels;
CREATE DATABASE feedback;
CREATE DATABASE webhooks;
