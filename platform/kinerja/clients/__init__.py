"""Client applications: registration, credentials, roles and the client-credentials grant."""
